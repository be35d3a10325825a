package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.diagram.TopologyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The dashboard follows a source that publishes new states, without a page reload. */
class DashboardLiveUiIT extends LiveFixtureIT {

  @Test
  @DisplayName("a topology event refreshes the view in place and marks it updated")
  void liveUpdate() {
    try (Browser browser = Browser.open()) {
      browser.get("http://localhost:" + port + "/");
      assertThat(browser.diagramText("topology"))
          .contains("worker-1", "web-1")
          .doesNotContain("pod-0");
      browser.script("window.__notReloaded = true");
      assertThat(browser.consoleErrors()).isEmpty();
      browser.awaitLive("connected");

      source.publish(TopologyFixtures.large(2, 1, 4), "4 pods replaced the shop");

      browser.awaitLive("updated");
      browser
          .waiting()
          .until(
              d -> {
                String svg = browser.awaitDiagramSvg("topology");
                return svg.contains("pod-3") && !svg.contains("web-1") ? svg : null;
              });
      assertThat(browser.script("return window.__notReloaded === true")).isEqualTo(true);
      assertThat(browser.driver().findElement(By.id("live")).getText())
          .contains("updated", "version 1");
      assertThat(browser.driver().findElement(By.id("topology-section")).getAttribute("open"))
          .isNotNull();
    }
  }
}
