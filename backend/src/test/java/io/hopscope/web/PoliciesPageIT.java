package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyFinding;
import io.hopscope.policy.PolicyLint;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.util.List;
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

  /** The href of the element with that id, unescaped. */
  private static String href(String html, String id) {
    return html.replaceAll("(?s).*id=\"" + id + "\" href=\"([^\"]*)\".*", "$1")
        .replace("&amp;", "&");
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

  @Test
  @DisplayName("policy lint findings are listed, e.g. prometheus' egress policy that forgets DNS")
  void lintFindings() {
    String html = page("");
    List<PolicyFinding> findings = PolicyLint.findings(PolicyEvaluator.of(demo));
    assertThat(findings)
        .anyMatch(
            f ->
                f.kind() == PolicyFinding.Kind.EGRESS_WITHOUT_DNS
                    && f.policy().equals("monitoring/prometheus-egress"));
    String lint = html.substring(html.indexOf("id=\"lint\""), html.indexOf("id=\"whatif-title\""));
    for (PolicyFinding finding : findings) {
      assertThat(lint).contains("data-kind=\"" + finding.kind() + "\"").contains(finding.policy());
    }
    assertThat(page("?namespace=shop")).doesNotContain("prometheus-egress isolates egress");
  }

  @Test
  @DisplayName("each policy row names the pods it selects and states its rules")
  void selectedPodsAndRules() {
    String html = page("?namespace=shop");
    String rest = html.substring(html.indexOf("redis-allow-backend"));
    String row = rest.substring(0, rest.indexOf("</tr>"));
    // the policy selects role=frontend pods (despite its name) and admits role=backend ones
    List<String> selected =
        demo.pods().stream()
            .filter(p -> p.namespace().equals("shop") && "frontend".equals(p.labels().get("role")))
            .map(Pod::name)
            .toList();
    assertThat(selected).isNotEmpty();
    selected.forEach(name -> assertThat(row).contains(">" + name + "<"));
    assertThat(row)
        .contains(selected.size() == 1 ? "1 pod<" : selected.size() + " pods<")
        .contains("ingress[0]: from pods {role=backend}")
        .contains("on TCP 6379");
  }

  @Test
  @DisplayName("the namespace filter narrows the policy table and the connlist link")
  void namespaceFilter() {
    String html = page("?namespace=payments");
    assertThat(html).contains("default-deny-all").doesNotContain("redis-allow-backend");
    String link = href(html, "connlist-link");
    assertThat(link).startsWith("/api/v1/connectivity?").contains("namespace=payments");
    String connlist =
        client
            .get()
            .uri(link)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(connlist).isNotBlank();
    assertThat(connlist.lines())
        .allMatch(line -> line.startsWith("payments/") || line.contains("=> payments/"));
  }

  @Test
  @DisplayName("an unknown namespace answers 404 and says there is no such namespace")
  void unknownNamespace() {
    String html =
        client
            .get()
            .uri("/policies?namespace=nope")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(html).contains("id=\"unknown-namespace\"").contains("no namespace &#39;nope&#39;");
  }

  @Test
  @DisplayName("the what-if answer links to the trace of the same connection")
  void whatIfLinksToTrace() {
    String web = podWithLabel("app", "web");
    String html = page("?from=" + web + "&to=shop/redis-0&port=6379");
    String link = href(html, "whatif-trace");
    assertThat(link).isEqualTo("/trace?from=" + web + "&to=shop/redis-0&port=6379&protocol=TCP");
    client.get().uri(link).exchange().expectStatus().isOk();
  }

  @Test
  @DisplayName("a snapshot's policies page names the snapshot and reads the snapshot's state")
  void snapshotPolicies() {
    String id =
        client
            .post()
            .uri("/api/v1/snapshots")
            .bodyValue(java.util.Map.of("name", "policies before"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(tools.jackson.databind.JsonNode.class)
            .returnResult()
            .getResponseBody()
            .get("id")
            .asString();
    String html = page("?snapshot=" + id + "&namespace=payments");
    assertThat(html)
        .contains("id=\"snapshot-context\"")
        .contains("policies before")
        .contains("href=\"/snapshots/" + id + "\"")
        .contains("/api/v1/snapshots/" + id + "/connectivity?format=txt")
        .contains("name=\"snapshot\" value=\"" + id + "\"")
        .contains("default-deny-all");
    client.get().uri("/policies?snapshot=nope").exchange().expectStatus().isNotFound();
  }
}
