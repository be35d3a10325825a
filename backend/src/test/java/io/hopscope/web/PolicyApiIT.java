package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The policy verdict and connectivity API over the bundled flannel-vxlan demo cluster, live and via
 * a snapshot.
 */
@HopscopeAppTest
class PolicyApiIT {

  @Autowired WebTestClient http;

  @Autowired ClusterSource source;

  String checkout;
  String cart;
  String ledger;

  @BeforeEach
  void pickPods() {
    checkout = pod("shop", "checkout");
    cart = pod("shop", "cart");
    ledger = pod("payments", "ledger");
  }

  private String pod(String namespace, String app) {
    return source.current().pods().stream()
        .filter(p -> p.namespace().equals(namespace) && app.equals(p.labels().get("app")))
        .map(Pod::ref)
        .map(Object::toString)
        .sorted()
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("the demo has no pod app=" + app + " in " + namespace));
  }

  private WebTestClient.ResponseSpec get(String uri, Object... vars) {
    return http.get().uri(uri, vars).exchange();
  }

  @Test
  @DisplayName("checkout may reach the ledger on TCP 8080: allow-checkout ingress[0] decides")
  void allowedVerdict() {
    get("/api/v1/policy/verdict?from={f}&to={t}&port=8080", checkout, ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(true)
        .jsonPath("$.protocol")
        .isEqualTo("TCP")
        .jsonPath("$.ipBlockMatchesPods")
        .isEqualTo(true)
        .jsonPath("$.ingress.isolated")
        .isEqualTo(true)
        .jsonPath("$.ingress.decidingRule.name")
        .isEqualTo("allow-checkout")
        .jsonPath("$.egress.isolated")
        .isEqualTo(false)
        .jsonPath("$.explanation")
        .value(e -> assertThat((String) e).startsWith("Allowed: "));
  }

  @Test
  @DisplayName(
      "cart may not reach the ledger: the explanation names the isolating policy and the others")
  void deniedVerdict() {
    get("/api/v1/policy/verdict?from={f}&to={t}&port=8080&protocol=tcp", cart, ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(false)
        .jsonPath("$.ingress.policies[?(@.name == 'allow-checkout')].rules[0].reason")
        .value(r -> assertThat(r.toString()).contains("does not match podSelector app=checkout"))
        .jsonPath("$.explanation")
        .value(
            e ->
                assertThat((String) e)
                    .startsWith(
                        "Denied: payments/default-deny-all isolates "
                            + ledger
                            + " for ingress and no rule of it or of ")
                    .endsWith("admits " + cart + " on TCP 8080"));
  }

  @Test
  @DisplayName(
      "ledger egress is isolated: an outside address is denied, and ipBlockMatchesPods=false is echoed")
  void egressToAddress() {
    get(
            "/api/v1/policy/verdict?from={f}&to=ip:203.0.113.7&port=443&ipBlockMatchesPods=false",
            ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(false)
        .jsonPath("$.ipBlockMatchesPods")
        .isEqualTo(false)
        .jsonPath("$.egress.isolated")
        .isEqualTo(true)
        .jsonPath("$.ingress.enforced")
        .isEqualTo(false);
  }

  @Test
  @DisplayName("bad input is a 400 problem naming the parameter; an unknown pod is a 404 naming it")
  void badInput() {
    problem(get("/api/v1/policy/verdict?from={f}&to={t}&port=http", checkout, ledger), 400, "port");
    problem(get("/api/v1/policy/verdict?from={f}&to={t}&port=0", checkout, ledger), 400, "port");
    problem(
        get("/api/v1/policy/verdict?from={f}&to={t}&port=65536", checkout, ledger), 400, "port");
    problem(get("/api/v1/policy/verdict?from={f}&to={t}", checkout, ledger), 400, "port");
    problem(
        get("/api/v1/policy/verdict?from={f}&to={t}&port=80&protocol=icmp", checkout, ledger),
        400,
        "protocol");
    problem(get("/api/v1/policy/verdict?from=no-slash&to={t}&port=80", ledger), 400, "from");
    problem(
        get("/api/v1/policy/verdict?from={f}&to=service:payments/ledger&port=80", checkout),
        400,
        "to");
    problem(
        get(
            "/api/v1/policy/verdict?from={f}&to={t}&port=80&ipBlockMatchesPods=maybe",
            checkout,
            ledger),
        400,
        "ipBlockMatchesPods");
    problem(get("/api/v1/policy/verdict?from=shop/ghost&to={t}&port=80", ledger), 404, "from");
    problem(get("/api/v1/policy/verdict?from={f}&to=payments/ghost&port=80", checkout), 404, "to");
    problem(get("/api/v1/connectivity?format=yaml"), 400, "format");
  }

  private static void problem(WebTestClient.ResponseSpec response, int status, String parameter) {
    response
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
  @DisplayName("connectivity as txt is a sorted connlist with workloads and external ranges")
  void connectivityTxt() {
    String body =
        get("/api/v1/connectivity?format=txt")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(body).isNotBlank();
    var lines = body.lines().toList();
    assertThat(lines).allMatch(l -> l.matches("\\S+ => \\S+ : .+"));
    assertThat(lines)
        .anyMatch(
            l ->
                l.startsWith("shop/checkout-")
                    && l.contains(" => payments/ledger-")
                    && l.endsWith(" : TCP 8080"));
    assertThat(lines)
        .noneMatch(l -> l.startsWith("shop/cart-") && l.contains(" => payments/ledger-"));
    assertThat(lines).anyMatch(l -> l.startsWith("0.0.0.0-255.255.255.255[External] => "));
  }

  @Test
  @DisplayName("connectivity as json lists src, dst, conn and the ports per protocol")
  void connectivityJson() {
    get("/api/v1/connectivity?format=json&ipBlockMatchesPods=false")
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.ipBlockMatchesPods")
        .isEqualTo(false)
        .jsonPath("$.connections[0].src")
        .isNotEmpty()
        .jsonPath("$.connections[?(@.conn == 'TCP 8080')].protocols.TCP[0]")
        .isEqualTo("8080");
  }

  @Test
  @DisplayName("the topology carries the policy lint findings")
  void topologyFindings() {
    get("/api/v1/topology")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.findings")
        .isArray()
        .jsonPath(
            "$.findings[?(@.kind == 'SELECTS_NO_POD' && @.policy == 'payments/default-deny-all')]")
        .doesNotExist();
  }

  @Test
  @DisplayName(
      "the ledger's own node may reach it despite its default-deny (kubelet probes); another node may not")
  void ownNode() {
    var state = source.current();
    String nodeName =
        state.pods().stream()
            .filter(p -> p.ref().toString().equals(ledger))
            .findFirst()
            .orElseThrow()
            .nodeName();
    String own =
        state.nodes().stream()
            .filter(n -> n.name().equals(nodeName))
            .findFirst()
            .orElseThrow()
            .internalIp();
    String other =
        state.nodes().stream()
            .filter(n -> !n.name().equals(nodeName))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the demo has a single node"))
            .internalIp();
    get("/api/v1/policy/verdict?from=ip:{f}&to={t}&port=8080", own, ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(true)
        .jsonPath("$.ingress.enforced")
        .isEqualTo(false)
        .jsonPath("$.ingress.isolated")
        .isEqualTo(true)
        .jsonPath("$.ingress.fromOwnNode.node")
        .isEqualTo(nodeName)
        .jsonPath("$.ingress.fromOwnNode.address")
        .isEqualTo(own)
        .jsonPath("$.explanation")
        .value(
            e ->
                assertThat((String) e)
                    .contains(
                        "traffic from the pod's own node ("
                            + nodeName
                            + ", "
                            + own
                            + ") is always allowed: NetworkPolicy does not apply to it (kubelet"
                            + " probes)"));
    get("/api/v1/policy/verdict?from=ip:{f}&to={t}&port=8080", other, ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(false)
        .jsonPath("$.ingress.fromOwnNode")
        .doesNotExist();
  }

  @Test
  @DisplayName("the snapshot paths answer like the live ones, and an unknown snapshot is a 404")
  void snapshotPaths() {
    String id =
        http.post()
            .uri("/api/v1/snapshots")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(tools.jackson.databind.JsonNode.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .asString();
    get("/api/v1/snapshots/{id}/policy/verdict?from={f}&to={t}&port=8080", id, checkout, ledger)
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.allowed")
        .isEqualTo(true);
    String live =
        get("/api/v1/connectivity?format=txt")
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    String stored =
        get("/api/v1/snapshots/{id}/connectivity?format=txt", id)
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(stored).isEqualTo(live);
    get(
            "/api/v1/snapshots/{id}/policy/verdict?from={f}&to={t}&port=8080",
            "AAAAAAAAAAAAAAAAAAAAAA",
            checkout,
            ledger)
        .expectStatus()
        .isNotFound();
  }
}
