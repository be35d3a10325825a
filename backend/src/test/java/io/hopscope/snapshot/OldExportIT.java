package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An export written before state format 2 ({@code snapshots/export-v1.json}: the default demo
 * exported by Hopscope with {@code "version": 1}, {@code HEADLESS}, {@code INGRESS}, ports as
 * objects) still imports, and answers like the demo it was taken from.
 */
@HopscopeAppTest
class OldExportIT {

  static final Path FIXTURE = Path.of("src/test/resources/snapshots/export-v1.json");

  @LocalServerPort int port;

  Api api;
  ClusterState demo;

  @BeforeEach
  void liveDemo() {
    api = new Api(port);
    demo = new DemoScenarios().load("flannel-vxlan");
  }

  @Test
  @DisplayName(
      "a format-1 export imports with its name, counts and Kubernetes spellings, and traces and"
          + " verdicts against it equal those against the demo it was taken from")
  void importsAndAnswersLikeTheDemo() {
    var reply = api.post("/api/v1/snapshots/import", "application/json", fixture());
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    String id = reply.json().get("id").asString();
    assertThat(reply.json().get("name").asString())
        .isEqualTo("demo flannel-vxlan before formatVersion 2");

    JsonNode state = api.get("/api/v1/snapshots/" + id).json();
    JsonNode counts = state.get("counts");
    assertThat(counts.get("nodes").asInt()).isEqualTo(3);
    assertThat(counts.get("pods").asInt()).isEqualTo(29);
    assertThat(counts.get("services").asInt()).isEqualTo(14);
    assertThat(counts.get("networkPolicies").asInt()).isEqualTo(8);
    List<JsonNode> services = state.get("services").valueStream().toList();
    assertThat(services)
        .extracting(s -> s.get("type").asString())
        .containsOnly("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
    assertThat(services)
        .filteredOn(s -> s.get("headless").asBoolean())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.get("clusterIP").asString()).isEqualTo("None"));
    assertThat(state.get("networkPolicies").get(0).get("policyTypes").get(0).asString())
        .isIn("Ingress", "Egress");

    var export = api.get("/api/v1/snapshots/" + id + "/export").json();
    assertThat(export.get("formatVersion").asInt()).isEqualTo(2);

    String web = "shop/" + podNamed("web");
    String cart = "shop/" + podNamed("cart");
    for (String query :
        List.of(
            "/trace?from=" + web + "&to=service:shop/cart",
            "/trace?from=" + web + "&to=service:shop/redis",
            "/trace?from=" + web + "&to=service:shop/checkout",
            "/policy/verdict?from=" + web + "&to=" + cart + "&port=8080",
            "/policy/verdict?from=" + web + "&to=shop/" + podNamed("redis") + "&port=6379")) {
      var live = api.get("/api/v1" + query);
      var old = api.get("/api/v1/snapshots/" + id + query);
      assertThat(old.status()).as(query + ": " + old.text()).isEqualTo(live.status());
      JsonNode expected = live.json();
      JsonNode actual = old.json();
      for (String field : List.of("verdict", "hops", "allowed", "egress", "ingress", "findings")) {
        assertThat(actual.get(field)).as(query + " " + field).isEqualTo(expected.get(field));
      }
    }
  }

  private String podNamed(String app) {
    return demo.pods().stream()
        .filter(p -> p.namespace().equals("shop") && app.equals(p.labels().get("app")))
        .map(p -> p.name())
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  static byte[] fixture() {
    try {
      return Files.readAllBytes(FIXTURE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
