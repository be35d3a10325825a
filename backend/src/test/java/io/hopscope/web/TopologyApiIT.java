package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.FixtureSource;
import io.hopscope.HopscopeAppTest;
import io.hopscope.diagram.TopologyFixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

@HopscopeAppTest
@Import(FixtureSource.ThreeNodeFlannel.class)
class TopologyApiIT {

  @Autowired WebTestClient client;

  @org.junit.jupiter.api.BeforeEach
  void patientClient() {
    // the machine is shared and springdoc builds its model on the first request
    client = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
  }

  @Autowired FixtureSource source;

  @Test
  @DisplayName(
      "GET /api/v1/events streams a 'topology' event with the StateChange for each new state")
  void events() {
    var result =
        client
            .get()
            .uri("/api/v1/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(
                new org.springframework.core.ParameterizedTypeReference<
                    ServerSentEvent<String>>() {});
    var events =
        result
            .getResponseBody()
            .doOnNext(
                event -> {
                  if ("connected".equals(event.comment())) {
                    source.publish(TopologyFixtures.threeNodeFlannel(), "pod shop/web-3 added");
                  }
                })
            .filter(event -> event.event() != null)
            .take(1)
            .collectList()
            .block(java.time.Duration.ofSeconds(10));
    assertThat(events).hasSize(1);
    ServerSentEvent<String> event = events.get(0);
    assertThat(event.event()).isEqualTo("topology");
    assertThat(event.id()).isEqualTo(Long.toString(source.lastVersion()));
    assertThat(event.data())
        .contains("\"changes\":[\"pod shop/web-3 added\"]")
        .contains("\"version\":");
  }

  @Test
  @DisplayName(
      "GET /api/v1/topology returns the state with source, network, counts, objects, typed interfaces and links")
  void topologyShape() {
    client
        .get()
        .uri("/api/v1/topology")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.source.kind")
        .isEqualTo("demo")
        .jsonPath("$.source.name")
        .isEqualTo("fixture-flannel")
        .jsonPath("$.source.capturedAt")
        .isEqualTo("2026-01-01T00:00:00Z")
        .jsonPath("$.source.warnings")
        .isArray()
        .jsonPath("$.source.ignoredKinds")
        .isMap()
        .jsonPath("$.network.plugin")
        .isEqualTo("FLANNEL")
        .jsonPath("$.network.mode")
        .isEqualTo("VXLAN")
        .jsonPath("$.network.mtu")
        .isEqualTo(1450)
        .jsonPath("$.counts.pods")
        .isEqualTo(8)
        .jsonPath("$.nodes.length()")
        .isEqualTo(3)
        .jsonPath("$.nodes[0].name")
        .isEqualTo("worker-1")
        .jsonPath("$.namespaces[?(@.name == 'shop')].labels['kubernetes.io/metadata.name']")
        .isEqualTo("shop")
        .jsonPath("$.pods.length()")
        .isEqualTo(8)
        .jsonPath("$.pods[?(@.name == 'frontend-0')].containers.length()")
        .isEqualTo(2)
        .jsonPath("$.pods[0].owner.kind")
        .exists()
        .jsonPath("$.services")
        .isArray()
        .jsonPath("$.networkPolicies")
        .isArray()
        .jsonPath("$.interfaces[?(@.kind == 'bridge')].name")
        .isEqualTo(java.util.List.of("cni0", "cni0", "cni0"))
        .jsonPath("$.interfaces[?(@.kind == 'tunnel')].tunnelKind")
        .isEqualTo(java.util.List.of("VXLAN", "VXLAN", "VXLAN"))
        .jsonPath("$.interfaces[?(@.kind == 'pod-interface')].length()")
        .exists()
        .jsonPath("$.interfaces[0].provenance")
        .isEqualTo("INFERRED")
        .jsonPath("$.links[?(@.kind == 'tunnel-peer')].remoteAddress")
        .isArray()
        .jsonPath("$.links[?(@.kind == 'veth-pair')]")
        .isNotEmpty()
        .jsonPath("$.pods[0].containers[0].ports[0].containerPort")
        .isEqualTo(8080)
        .jsonPath("$.services[0].ports[0].targetPort")
        .isEqualTo("http")
        .jsonPath("$.services[0].type")
        .isEqualTo("ClusterIP")
        .jsonPath("$.services[0].clusterIP")
        .isEqualTo("10.96.0.20")
        .jsonPath("$.services[0].headless")
        .isEqualTo(false)
        .jsonPath("$.services[0].ports[0].nodePort")
        .doesNotExist()
        .jsonPath("$.networkPolicies[0].podSelector.matchLabels.app")
        .isEqualTo("web")
        .jsonPath("$.networkPolicies[0].policyTypes[0]")
        .isEqualTo("Ingress")
        .jsonPath("$..empty")
        .doesNotExist()
        .jsonPath("$..named")
        .doesNotExist();
  }

  @Test
  @DisplayName("an unknown path under /api is a 404 application/problem+json")
  void unknownApiPath() {
    client
        .get()
        .uri("/api/v1/nope")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.title")
        .isEqualTo("Not Found")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("/api/v1/nope"));
  }

  @Test
  @DisplayName("an unknown page is a 404 HTML page in the layout, not problem+json")
  void unknownPage() {
    client
        .get()
        .uri("/nope")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class)
        .value(
            html -> assertThat(html).contains("404", "Back to the dashboard", "/css/hopscope.css"));
  }

  @Test
  @DisplayName("a wrong method on an API path is a 405 application/problem+json")
  void wrongMethod() {
    client
        .delete()
        .uri("/api/v1/topology")
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(405);
  }

  @Test
  @DisplayName("/actuator/health is UP and includes the hopscope source")
  void health() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components.hopscope.status")
        .isEqualTo("UP")
        .jsonPath("$.components.hopscope.details.kind")
        .isEqualTo("demo")
        .jsonPath("$.components.hopscope.details.name")
        .isEqualTo("fixture-flannel")
        .jsonPath("$.components.hopscope.details.messages[0]")
        .isEqualTo("a fixture built by the test");
  }

  @Test
  @DisplayName("OpenAPI describes the topology and events endpoints, and Swagger UI is served")
  void openApi() {
    client
        .get()
        .uri("/v3/api-docs")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.openapi")
        .value(v -> assertThat((String) v).startsWith("3."))
        .jsonPath("$.paths['/api/v1/topology'].get")
        .exists()
        .jsonPath("$.paths['/api/v1/events'].get")
        .exists();
    String ui =
        client
            .get()
            .uri("/swagger-ui.html")
            .exchange()
            .expectStatus()
            .is3xxRedirection()
            .returnResult(String.class)
            .getResponseHeaders()
            .getLocation()
            .toString();
    client
        .get()
        .uri(ui)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("swagger-ui"));
  }

  @Test
  @DisplayName("every response carries the CSP and other security headers")
  void securityHeaders() {
    for (String path :
        new String[] {"/", "/api/v1/topology", "/api/v1/nope", "/css/hopscope.css"}) {
      client
          .get()
          .uri(path)
          .exchange()
          .expectHeader()
          .valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
          .expectHeader()
          .valueEquals("X-Content-Type-Options", "nosniff")
          .expectHeader()
          .valueEquals("Referrer-Policy", "no-referrer");
    }
    assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self';")
        .doesNotContain("unsafe-eval");
  }

  @Test
  @DisplayName(
      "the dashboard renders server-side with the node names, the Mermaid source and escaped pod text")
  void dashboardHtml() {
    client
        .get()
        .uri("/?namespace=shop")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.TEXT_HTML)
        .expectBody(String.class)
        .value(
            html ->
                assertThat(html)
                    .contains(
                        "<pre class=\"mermaid\">flowchart LR",
                        "node worker-1",
                        "web-1",
                        "/js/dashboard.js",
                        "/webjars/mermaid/dist/mermaid.min.js")
                    .contains("a]--&gt;b[&quot;x&quot;]")
                    .doesNotContain("api-1")
                    .doesNotContainPattern("<script(?![^>]*src=)[^>]*>"));
    client
        .get()
        .uri("/dashboard/view?node=worker-2")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(
            html ->
                assertThat(html)
                    .startsWith("<div id=\"view\"")
                    .contains("api-1")
                    .doesNotContain("<html"));
  }

  @Test
  @DisplayName("the Mermaid bundle is served from the webjar")
  void mermaidWebjar() {
    client
        .get()
        .uri("/webjars/mermaid/dist/mermaid.min.js")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith("text/javascript");
  }
}
