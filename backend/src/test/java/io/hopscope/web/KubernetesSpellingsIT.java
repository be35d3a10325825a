package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.FixtureSource;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's JSON speaks Kubernetes on every demo cluster: topology, a snapshot of it, its export, a
 * trace, a verdict and the connectivity list are walked whole, and every Kubernetes value is
 * spelled as Kubernetes spells it, every Hopscope enum value in UPPER_SNAKE, and no unset value is
 * written as 0 or "".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(KubernetesSpellingsIT.Demo.class)
class KubernetesSpellingsIT {

  private static final DemoScenarios DEMOS = new DemoScenarios();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Set<String> SERVICE_TYPES =
      Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
  private static final Set<String> POLICY_TYPES = Set.of("Ingress", "Egress");
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");
  private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

  /** Fields holding Hopscope's own enums: one convention, UPPER_SNAKE. */
  private static final Set<String> HOPSCOPE_ENUMS =
      Set.of(
          "plugin",
          "mode",
          "kubeProxyMode",
          "provenance",
          "tunnelKind",
          "verdict",
          "component",
          "action",
          "severity",
          "origin");

  /** Maps of user data (labels, selectors, counts by kind): their keys and values are free. */
  private static final Set<String> FREE_MAPS =
      Set.of("labels", "annotations", "matchLabels", "selector", "ignoredKinds");

  private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

  /** Numbers that are left out when unset, never written as 0. */
  private static final Set<String> OPTIONAL_NUMBERS =
      Set.of("nodePort", "endPort", "hostPort", "targetPort", "port", "vni", "udpPort");

  /** Strings that are left out when unset, never written as "". */
  private static final Set<String> OPTIONAL_STRINGS =
      Set.of(
          "name",
          "appProtocol",
          "externalName",
          "clusterIP",
          "nodeName",
          "zone",
          "externalIp",
          "context",
          "uid",
          "image",
          "gateway",
          "device",
          "node",
          "address",
          "rule",
          "clusterDnsIp");

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("hopscope.data-dir", dataDir::toString);
  }

  @TestConfiguration
  static class Demo {
    @Bean
    @Primary
    FixtureSource demoSource() {
      return new FixtureSource(DEMOS.load(DemoScenarios.DEFAULT));
    }
  }

  @Autowired WebTestClient client;
  @Autowired FixtureSource source;

  static Stream<String> scenarios() {
    return DemoScenarios.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("topology, snapshot, export, trace, verdict and connectivity speak Kubernetes")
  void everyDemoCluster(String scenario) {
    ClusterState state = DEMOS.load(scenario);
    source.publish(state, "scenario " + scenario);

    JsonNode topology = get("/api/v1/topology");
    checkState(topology, scenario + " topology");
    assertThat(topology.path("services").valueStream().map(s -> s.path("headless").asBoolean()))
        .as("every demo cluster has a headless Service")
        .contains(true);

    String id =
        JSON.readTree(
                client
                    .post()
                    .uri("/api/v1/snapshots")
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .returnResult()
                    .getResponseBody())
            .path("id")
            .asString();
    JsonNode snapshot = get("/api/v1/snapshots/" + id);
    checkState(snapshot, scenario + " snapshot");
    assertThat(snapshot.path("counts")).isEqualTo(topology.path("counts"));
    JsonNode export = get("/api/v1/snapshots/" + id + "/export");
    assertThat(export.path("formatVersion").asInt()).isEqualTo(2);
    checkState(export.path("state"), scenario + " export");

    List<Pod> pods =
        state.pods().stream()
            .filter(p -> !p.hostNetwork() && !p.podIps().isEmpty())
            .sorted(Comparator.comparing(Pod::ref))
            .toList();
    Pod from = pods.get(0);
    Pod to = pods.get(pods.size() - 1);
    JsonNode trace =
        get("/api/v1/trace?from=" + from.ref() + "&to=service:kube-system/kube-dns&port=53");
    check(trace, scenario + " trace", "");
    JsonNode verdict =
        get("/api/v1/policy/verdict?from=" + from.ref() + "&to=" + to.ref() + "&port=80");
    check(verdict, scenario + " verdict", "");
    assertThat(verdict.path("ipBlockMatchesPods").isBoolean()).isTrue();
    assertThat(verdict.path("hostNetworkPodsAsPods").isBoolean()).isTrue();
    check(get("/api/v1/connectivity"), scenario + " connectivity", "");
  }

  private JsonNode get(String uri) {
    byte[] body =
        client
            .get()
            .uri(uri)
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return JSON.readTree(body);
  }

  private static void checkState(JsonNode state, String what) {
    for (JsonNode service : state.path("services")) {
      String name = what + " service " + service.path("name").asString();
      assertThat(service.path("type").asString()).as(name).isIn(SERVICE_TYPES);
      assertThat(service.path("headless").isBoolean()).as(name + " headless").isTrue();
      if (service.path("headless").asBoolean()) {
        assertThat(service.path("type").asString()).as(name).isEqualTo("ClusterIP");
        assertThat(service.path("clusterIP").asString()).as(name).isEqualTo("None");
      }
      assertThat(service.has("clusterIPs")).as(name + " clusterIPs").isTrue();
    }
    for (JsonNode policy : state.path("networkPolicies")) {
      for (JsonNode type : policy.path("policyTypes")) {
        assertThat(type.asString()).as(what + " policyTypes").isIn(POLICY_TYPES);
      }
    }
    check(state, what, "");
  }

  /** Walks the whole tree: spellings by field name, no unset value written out. */
  private static void check(JsonNode node, String what, String path) {
    List<String> problems = new ArrayList<>();
    walk(node, path, problems);
    assertThat(problems).as(what).isEmpty();
  }

  private static void walk(JsonNode node, String path, List<String> problems) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", problems);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String at = path + "." + key;
      if (FREE_MAPS.contains(key)) {
        continue;
      }
      if (value.isNull()) {
        problems.add(at + " is null (unset values are left out)");
      }
      if (OPTIONAL_NUMBERS.contains(key)) {
        if (value.isObject()) {
          problems.add(at + " is an object; Kubernetes writes a number or a name");
        } else if (value.isNumber() && value.asInt() == 0) {
          problems.add(at + " is 0 (unset values are left out)");
        }
      }
      if (OPTIONAL_STRINGS.contains(key) && value.isString() && value.asString().isEmpty()) {
        problems.add(at + " is \"\" (unset values are left out)");
      }
      if (key.equals("operator") && !OPERATORS.contains(value.asString())) {
        problems.add(at + " is " + value + ", not a Kubernetes selector operator");
      }
      if (key.equals("protocol") && !PROTOCOLS.contains(value.asString())) {
        problems.add(at + " is " + value + ", not TCP, UDP or SCTP");
      }
      if ((key.equals("direction") || key.equals("policyTypes"))
          && value.isString()
          && !POLICY_TYPES.contains(value.asString())) {
        problems.add(at + " is " + value + ", not Ingress or Egress");
      }
      if (HOPSCOPE_ENUMS.contains(key)
          && value.isString()
          && !UPPER_SNAKE.matcher(value.asString()).matches()) {
        problems.add(at + " is " + value + ", not UPPER_SNAKE like Hopscope's other enums");
      }
      walk(value, at, problems);
    }
  }
}
