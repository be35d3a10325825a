package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/** An open trace follows the cluster: a policy added while it is shown turns it DENIED in place. */
class TraceLiveUiIT extends LiveFixtureIT {

  @Test
  @DisplayName(
      "a topology event re-runs the trace without a reload and shows the new verdict, in every tab showing it")
  void traceFollowsTheCluster() {
    try (Browser browser = Browser.open()) {
      String trace =
          "http://localhost:" + port + "/trace?from=shop/web-1&to=shop/cart-1&port=80&protocol=TCP";
      browser.get(trace);
      assertThat(browser.driver().findElement(By.id("verdict")).getText()).isEqualTo("ALLOWED");
      browser.awaitDiagramSvg("trace-diagram");
      browser.script("window.__notReloaded = true");
      browser.awaitLive("connected");
      // a second tab on the same trace shares the first one's event stream and is updated too
      String firstTab = browser.driver().getWindowHandle();
      browser.driver().switchTo().newWindow(WindowType.TAB);
      browser.get(trace);
      browser.awaitLive("connected");

      ClusterState before = source.current();
      NetworkPolicy denyAll =
          new NetworkPolicy(
              "shop",
              "deny-all-ingress",
              LabelSelector.everything(),
              List.of(NetworkPolicy.PolicyType.INGRESS),
              List.of(),
              List.of());
      source.publish(
          new ClusterState(
              before.source(),
              before.network(),
              before.nodes(),
              before.namespaces(),
              before.pods(),
              before.services(),
              List.of(denyAll),
              before.interfaces(),
              before.links()),
          "networkpolicy shop/deny-all-ingress added");

      browser
          .waiting()
          .until(d -> "DENIED".equals(d.findElement(By.id("verdict")).getText()) ? true : null);
      browser.driver().close();
      browser.driver().switchTo().window(firstTab);
      browser
          .waiting()
          .until(d -> "DENIED".equals(d.findElement(By.id("verdict")).getText()) ? true : null);
      browser.awaitLive("updated");
      assertThat(browser.script("return window.__notReloaded === true")).isEqualTo(true);
      assertThat(browser.driver().findElement(By.id("live")).getText())
          .contains("verdict now DENIED");
      assertThat(browser.driver().findElement(By.id("policy-explanation")).getText())
          .contains("shop/deny-all-ingress");
      assertThat(browser.awaitDiagramSvg("trace-diagram")).contains("DROPPED");
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  @DisplayName("a trace against a snapshot says it is fixed in time and does not listen")
  void snapshotTraceDoesNotListen() {
    String id =
        org.springframework.web.reactive.function.client.WebClient.create(
                "http://localhost:" + port)
            .post()
            .uri("/api/v1/snapshots")
            .retrieve()
            .bodyToMono(java.util.Map.class)
            .block()
            .get("id")
            .toString();
    try (Browser browser = Browser.open()) {
      browser.get(
          "http://localhost:"
              + port
              + "/trace?from=shop/web-1&to=shop/cart-1&port=80&snapshot="
              + id);
      browser.awaitLive("snapshot");
      String verdict = browser.driver().findElement(By.id("verdict")).getText();
      assertThat(verdict).isIn("ALLOWED", "DENIED");

      ClusterState now = source.current();
      List<NetworkPolicy> toggled =
          now.networkPolicies().isEmpty()
              ? List.of(
                  new NetworkPolicy(
                      "shop",
                      "deny-all-ingress",
                      LabelSelector.everything(),
                      List.of(NetworkPolicy.PolicyType.INGRESS),
                      List.of(),
                      List.of()))
              : List.of();
      source.publish(
          new ClusterState(
              now.source(),
              now.network(),
              now.nodes(),
              now.namespaces(),
              now.pods(),
              now.services(),
              toggled,
              now.interfaces(),
              now.links()),
          "policies toggled");
      browser.script("return new Promise((resolve) => setTimeout(resolve, 2000))");
      assertThat(browser.driver().findElement(By.id("verdict")).getText()).isEqualTo(verdict);
      assertThat(browser.driver().findElement(By.id("live")).getAttribute("data-live"))
          .isEqualTo("snapshot");
    }
  }
}
