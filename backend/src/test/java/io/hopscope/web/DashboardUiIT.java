package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.diagram.TopologyFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(DashboardUiIT.Fixture.class)
class DashboardUiIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hopscope.data-dir", () -> dataDir.toString());
  }

  @TestConfiguration
  static class Fixture {
    @Bean
    @Primary
    FixtureSource fixtureSource() {
      return new FixtureSource(TopologyFixtures.threeNodeFlannel());
    }
  }

  @LocalServerPort
  int port;

  @Test
  @DisplayName("the dashboard renders the topology as an SVG with every node name in it")
  void dashboardDiagram() {
    try (Browser browser = Browser.open()) {
      browser.get("http://localhost:" + port + "/");
      String svg = browser.awaitDiagramSvg("topology");
      if (Boolean.getBoolean("screenshot")) {
        browser.screenshot(Path.of("../docs/images/dashboard.png"), 1400, 2400);
      }
      assertThat(svg).contains("worker-1", "worker-2", "worker-3");
      assertThat(browser.diagramText("topology")).contains("cni0", "bridge", "flannel.1", "vxlan");
      assertThat(browser.alertPresent()).isFalse();
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }
}
