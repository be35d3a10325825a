package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The policies page on the default demo cluster: list, matrix, what-if. */
@HopscopeAppTest
class PoliciesPageIT {

  @Autowired WebTestClient client;

  private final ClusterState demo = new DemoScenarios().load("flannel-vxlan");

  private String podWithLabel(String key, String value) {
    return demo.pods().stream()
        .filter(p -> value.equals(p.labels().get(key)))
        .map(Pod::ref)
        .map(Object::toString)
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  private String page(String query) {
    return client
        .get()
        .uri("/policies" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  @DisplayName(
      "lists every policy with the number of pods it selects, and draws the workload matrix")
  void listsPoliciesAndMatrix() {
    String html = page("");
    demo.networkPolicies().forEach(policy -> assertThat(html).contains(policy.name()));
    assertThat(html).contains("id=\"connectivity-matrix\"").contains("shop/redis[StatefulSet]");
    assertThat(html).contains("class=\"deny\"").contains("class=\"allow\"");
  }

  @Test
  @DisplayName("what-if names the deciding policy of a denied connection")
  void whatIfDenied() {
    String web = podWithLabel("app", "web");
    String html = page("?from=" + web + "&to=shop/redis-0&port=6379");
    assertThat(html)
        .contains("DENIED")
        .contains("shop/redis-allow-backend isolates shop/redis-0 for ingress");
  }

  @Test
  @DisplayName("what-if reports a bad port as a message, not an error page")
  void whatIfBadPort() {
    String web = podWithLabel("app", "web");
    String html = page("?from=" + web + "&to=shop/redis-0&port=70000");
    assertThat(html).contains("id=\"whatif-error\"").contains("between 1 and 65535");
  }

  @Test
  @DisplayName("hostile what-if input is shown escaped")
  void whatIfHostile() {
    String html =
        client
            .get()
            .uri(
                b ->
                    b.path("/policies")
                        .queryParam("from", "{from}")
                        .queryParam("to", "shop/redis-0")
                        .queryParam("port", "80")
                        .build("<img src=x onerror=alert(1)>"))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html)
        .doesNotContain("<img src=x")
        .contains("&lt;img src=x onerror=alert(1)&gt;")
        .contains("id=\"whatif-error\"");
  }
}
