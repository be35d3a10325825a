package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@HopscopeAppTest
class TraceApiIT {

  @Autowired WebTestClient client;

  @Autowired ClusterSource source;

  private Pod pod(String app, String notOnNode) {
    return DefaultDemo.shopPod(source, app, notOnNode);
  }

  @Test
  @DisplayName(
      "GET /api/v1/trace returns the hops, verdict, policy verdict, findings and Mermaid of a cross-node trace")
  @SuppressWarnings("unchecked")
  void crossNode() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", web.nodeName());
    Map<String, Object> body =
        client
            .get()
            .uri(
                u ->
                    u.path("/api/v1/trace")
                        .queryParam("from", web.ref().toString())
                        .queryParam("to", cart.ref().toString())
                        .queryParam("port", "8080")
                        .queryParam("protocol", "TCP")
                        .build())
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(body)
        .containsEntry("from", web.ref().toString())
        .containsEntry("to", cart.ref().toString())
        .containsEntry("port", 8080)
        .containsEntry("protocol", "TCP")
        .containsEntry("verdict", "ALLOWED");
    List<Map<String, Object>> hops = (List<Map<String, Object>>) body.get("hops");
    assertThat(hops).isNotEmpty();
    // a hop without a single device leaves "device" out (unset values are never "")
    assertThat(hops.get(0))
        .containsKeys("index", "component", "action", "node", "address", "detail", "verify")
        .doesNotContainKey("device");
    assertThat(hops)
        .anySatisfy(
            h -> {
              assertThat(h)
                  .containsEntry("device", "flannel.1")
                  .containsEntry("action", "ENCAPSULATED")
                  .containsEntry("deviceProvenance", "INFERRED");
              assertThat((List<String>) h.get("verify")).contains("bridge fdb show dev flannel.1");
            });
    // A hop without a device leaves deviceProvenance out rather than writing null.
    assertThat(hops)
        .allSatisfy(
            h -> assertThat(h.containsKey("deviceProvenance")).isEqualTo(h.containsKey("device")));
    assertThat((Map<String, Object>) body.get("policy")).containsEntry("allowed", true);
    assertThat((String) body.get("mermaid")).startsWith("flowchart TB").contains("flannel.1");
    assertThat(body.keySet())
        .as("the answer's fields, in order: the trace, then its two diagrams")
        .containsExactly(
            "from",
            "to",
            "port",
            "protocol",
            "verdict",
            "reason",
            "datapath",
            "hops",
            "policy",
            "findings",
            "mermaid",
            "policyMermaid");
  }

  @Test
  @DisplayName(
      "ipBlockMatchesPods is passed to the policy verdicts on the path; a bad value is a 400 naming it")
  @SuppressWarnings("unchecked")
  void ipBlockSemantics() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", web.nodeName());
    for (boolean matches : new boolean[] {true, false}) {
      Map<String, Object> body =
          client
              .get()
              .uri(
                  u ->
                      u.path("/api/v1/trace")
                          .queryParam("from", web.ref().toString())
                          .queryParam("to", cart.ref().toString())
                          .queryParam("port", "8080")
                          .queryParam("ipBlockMatchesPods", matches)
                          .build())
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(Map.class)
              .returnResult()
              .getResponseBody();
      assertThat((Map<String, Object>) body.get("policy"))
          .containsEntry("ipBlockMatchesPods", matches);
    }
    client
        .get()
        .uri(
            u ->
                u.path("/api/v1/trace")
                    .queryParam("from", web.ref().toString())
                    .queryParam("to", cart.ref().toString())
                    .queryParam("port", "8080")
                    .queryParam("ipBlockMatchesPods", "maybe")
                    .build())
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.parameter")
        .isEqualTo("ipBlockMatchesPods");
  }

  @Test
  @DisplayName("a pair the redis policy blocks is DENIED with the deciding policy named")
  @SuppressWarnings("unchecked")
  void denied() {
    Pod web = pod("web", "");
    Pod redis = pod("redis", "");
    Map<String, Object> body =
        client
            .get()
            .uri(
                u ->
                    u.path("/api/v1/trace")
                        .queryParam("from", web.ref().toString())
                        .queryParam("to", redis.ref().toString())
                        .queryParam("port", "6379")
                        .build())
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).containsEntry("verdict", "DENIED");
    Map<String, Object> policy = (Map<String, Object>) body.get("policy");
    Map<String, Object> ingress = (Map<String, Object>) policy.get("ingress");
    assertThat((List<Map<String, Object>>) ingress.get("policies"))
        .anySatisfy(p -> assertThat(p).containsEntry("name", "redis-allow-backend"));
  }

  @Test
  @DisplayName(
      "the snapshot path serves the same trace against a stored snapshot, and 404s for an unknown snapshot")
  @SuppressWarnings("unchecked")
  void snapshot() {
    Map<String, Object> created =
        client
            .post()
            .uri("/api/v1/snapshots")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    String id = (String) created.get("id");
    Pod web = pod("web", "");
    Map<String, Object> body =
        client
            .get()
            .uri(
                u ->
                    u.path("/api/v1/snapshots/{id}/trace")
                        .queryParam("from", web.ref().toString())
                        .queryParam("to", "service:shop/cart")
                        .queryParam("port", "8080")
                        .build(id))
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).containsEntry("verdict", "ALLOWED");
    assertThat((List<Map<String, Object>>) body.get("hops"))
        .anySatisfy(h -> assertThat(h).containsEntry("component", "SERVICE_LB"));
    client
        .get()
        .uri(
            "/api/v1/snapshots/{id}/trace?from=shop/x&to=shop/y&port=80",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @ParameterizedTest(name = "from={0} to={1} port={2} protocol={3} -> {4} naming {5}")
  @DisplayName("bad or unknown parameters are problem details naming the parameter")
  @CsvSource({
    "shop/nope, service:shop/cart, 8080, TCP, 404, from",
    "WEB, service:shop/cart, 8080, TCP, 400, from",
    "'', service:shop/cart, 8080, TCP, 400, from",
    "POD, service:shop/nope, 8080, TCP, 404, to",
    "POD, 'ip:1.2.3', 8080, TCP, 400, to",
    "POD, service:shop/cart, 70000, TCP, 400, port",
    "POD, service:shop/cart, abc, TCP, 400, port",
    "POD, service:shop/cart, 8080, ICMP, 400, protocol",
    "POD, dns:cart, '', TCP, 400, port",
    "POD, ip:0.0.0.0, 8080, TCP, 400, to",
    "POD, 'ip:::', 8080, TCP, 400, to",
    "POD, ip:255.255.255.255, 8080, TCP, 400, to",
    "POD, dns:0.0.0.0, '', TCP, 400, to"
  })
  void badParameters(
      String from, String to, String port, String protocol, int status, String parameter) {
    String source = "POD".equals(from) ? pod("web", "").ref().toString() : from;
    client
        .get()
        .uri(
            u ->
                u.path("/api/v1/trace")
                    .queryParam("from", source)
                    .queryParam("to", to)
                    .queryParam("port", port)
                    .queryParam("protocol", protocol)
                    .build())
        .exchange()
        .expectStatus()
        .isEqualTo(status)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(status)
        .jsonPath("$.parameter")
        .isEqualTo(parameter)
        .jsonPath("$.detail")
        .isNotEmpty();
  }

  @Test
  @DisplayName(
      "the trace page renders the permalinked trace server-side, with the hop table and the policy panel")
  void page() {
    Pod web = pod("web", "");
    Pod redis = pod("redis", "");
    String html =
        client
            .get()
            .uri(
                u ->
                    u.path("/trace")
                        .queryParam("from", web.ref().toString())
                        .queryParam("to", redis.ref().toString())
                        .queryParam("port", "6379")
                        .queryParam("protocol", "TCP")
                        .build())
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html)
        .contains(
            "id=\"verdict\"",
            "DENIED",
            "redis-allow-backend",
            "id=\"hops\"",
            "trace-diagram",
            "policy-diagram",
            "/js/trace.js")
        .doesNotContain("<script>");
    client
        .get()
        .uri("/trace?from=shop/nope&to=shop/x&port=1")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody(String.class)
        .value(b -> assertThat(b).contains("trace-error", "from"));
  }

  @Test
  @DisplayName(
      "a hostNetwork pod reaches the isolated ledger on its own node: the API and the page say why")
  void fromOwnNode() {
    Pod ledger =
        source.current().pods().stream()
            .filter(p -> p.namespace().equals("payments") && "ledger".equals(p.labels().get("app")))
            .min(java.util.Comparator.comparing(Pod::ref))
            .orElseThrow();
    Pod local =
        source.current().pods().stream()
            .filter(p -> p.hostNetwork() && p.nodeName().equals(ledger.nodeName()))
            .min(java.util.Comparator.comparing(Pod::ref))
            .orElseThrow(
                () ->
                    new AssertionError("the demo has no hostNetwork pod on " + ledger.nodeName()));
    client
        .get()
        .uri(
            u ->
                u.path("/api/v1/trace")
                    .queryParam("from", local.ref().toString())
                    .queryParam("to", ledger.ref().toString())
                    .queryParam("port", "8080")
                    .build())
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.verdict")
        .isEqualTo("ALLOWED")
        .jsonPath("$.policy.ingress.fromOwnNode.node")
        .isEqualTo(ledger.nodeName())
        .jsonPath("$.policy.ingress.fromOwnNode.hostNetworkPod")
        .isEqualTo(local.ref().toString());
    String html =
        client
            .get()
            .uri(
                u ->
                    u.path("/trace")
                        .queryParam("from", local.ref().toString())
                        .queryParam("to", ledger.ref().toString())
                        .queryParam("port", "8080")
                        .build())
            .accept(MediaType.TEXT_HTML)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html)
        .contains("from its own node", "traffic from the pod&#39;s own node (" + ledger.nodeName());
  }

  @Test
  @DisplayName("the OpenAPI schema of the trace answer lists the same fields as the JSON")
  @SuppressWarnings("unchecked")
  void openApiSchema() {
    // the first /v3/api-docs scans every controller: slow on a loaded machine
    Map<String, Object> docs =
        client
            .mutate()
            .responseTimeout(Duration.ofSeconds(60))
            .build()
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    Map<String, Object> schemas =
        (Map<String, Object>) ((Map<String, Object>) docs.get("components")).get("schemas");
    Map<String, Object> answer = (Map<String, Object>) schemas.get("TraceAnswer");
    assertThat(answer).as("schemas: %s", schemas.keySet()).isNotNull();
    assertThat(((Map<String, Object>) answer.get("properties")).keySet())
        .containsExactlyInAnyOrder(
            "from",
            "to",
            "port",
            "protocol",
            "verdict",
            "reason",
            "datapath",
            "hops",
            "policy",
            "findings",
            "mermaid",
            "policyMermaid");
  }
}
