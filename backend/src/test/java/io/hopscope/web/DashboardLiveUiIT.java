package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.diagram.TopologyFixtures;
import io.hopscope.source.ClusterSource;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard follows a source that publishes new states, without a page reload. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "hopscope.events.heartbeat=2s")
@Import(FixtureSource.ThreeNodeFlannel.class)
class DashboardLiveUiIT {

  @TempDir
  static Path dataDir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hopscope.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort
  int port;

  @Autowired
  FixtureSource source;

  @Test
  @DisplayName("a topology event refreshes the view in place and marks it updated")
  void liveUpdate() {
    try (Browser browser = Browser.open()) {
      browser.get("http://localhost:" + port + "/");
      assertThat(browser.diagramText("topology")).contains("worker-1", "web-1").doesNotContain("pod-0");
      browser.script("window.__notReloaded = true");
      assertThat(browser.consoleErrors()).isEmpty();
      browser.waiting().until(d -> "connected".equals(d.findElement(By.id("live")).getAttribute("data-live")));

      source.publish(TopologyFixtures.large(2, 1, 4), "4 pods replaced the shop");

      browser.waiting().until(d -> "updated".equals(d.findElement(By.id("live")).getAttribute("data-live")));
      browser.waiting().until(d -> {
        String svg = browser.awaitDiagramSvg("topology");
        return svg.contains("pod-3") && !svg.contains("web-1") ? svg : null;
      });
      assertThat(browser.script("return window.__notReloaded === true")).isEqualTo(true);
      assertThat(browser.driver().findElement(By.id("live")).getText()).contains("updated", "version 1");
      assertThat(browser.driver().findElement(By.id("topology-section")).getAttribute("open")).isNotNull();
    }
  }
}
