package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.HopscopeAppTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Online Boutique release manifests (real-world corpus; no Node objects) served by the
 * manifests source: the dashboard says what was assumed about placement, and the trace API and page
 * mark the hops on the stand-in node.
 */
@HopscopeAppTest(properties = "hopscope.source=manifests")
class NodelessDumpIT {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "hopscope.manifests.path",
        () -> ClusterDirectories.realWorld().resolve("microservices-demo").toString());
  }

  @Autowired WebTestClient client;

  @BeforeEach
  void patientClient() {
    client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
  }

  private String get(String uri) {
    return client
        .get()
        .uri(uri)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  @DisplayName("the Source panel says the pods were put on the stand-in node")
  void dashboardSaysWhatWasAssumed() {
    assertThat(get("/"))
        .contains("id=\"assumed-placement\"")
        .containsPattern("\\d+ pods without placement put on stand-in node &#39;unplaced&#39;");
  }

  @Test
  @DisplayName("the trace API marks every hop on the stand-in node with nodeProvenance ASSUMED")
  void traceApiMarksAssumedHops() {
    String json = get("/api/v1/trace?from=default/frontend&to=default/cartservice&port=7070");
    assertThat(json)
        .contains("\"verdict\":\"ALLOWED\"")
        .contains("\"node\":\"unplaced\"")
        .contains("\"nodeProvenance\":\"ASSUMED\"")
        .contains("\"deviceProvenance\":\"ASSUMED\"")
        .doesNotContain("not scheduled");
  }

  @Test
  @DisplayName("the trace page's hop list shows the assumed badge next to the node")
  void tracePageShowsAssumedBadge() {
    assertThat(get("/trace?from=default/frontend&to=default/cartservice&port=7070"))
        .contains("class=\"badge warn assumed-node\"")
        .contains(">assumed</small>");
  }
}
