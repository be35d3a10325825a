package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hopscope.source.ClusterSource;
import io.hopscope.source.StateChange;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

@LiveApplicationTest
@DisplayName("The live source follows a cluster through real list and watch requests")
class LiveClusterIT {

  private static final Duration LIVE = Duration.ofSeconds(2);
  private static final MockApiServer api = seeded(MockApiServer.started());

  @Autowired ClusterSource source;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void connection(DynamicPropertyRegistry registry) {
    api.connect(registry);
  }

  @AfterAll
  static void stopApiServer() {
    api.close();
  }

  private static MockApiServer seeded(MockApiServer api) {
    try (KubernetesClient client = api.client()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("shop")
                  .addToLabels("team", "shop")
                  .endMetadata()
                  .build())
          .create();
      client
          .pods()
          .inNamespace("shop")
          .resource(pod("web-0", Map.of("app", "web"), "10.244.1.10"))
          .create();
      client
          .services()
          .inNamespace("shop")
          .resource(
              new ServiceBuilder()
                  .withNewMetadata()
                  .withName("web")
                  .endMetadata()
                  .withNewSpec()
                  .addToSelector("app", "web")
                  .withClusterIP("10.96.0.20")
                  .addNewPort()
                  .withPort(80)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
    return api;
  }

  static io.fabric8.kubernetes.api.model.Pod pod(
      String name, Map<String, String> labels, String ip) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .withLabels(labels)
        .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"huge\":true}")
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1.27")
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .endStatus()
        .build();
  }

  @Test
  @DisplayName("objects that existed before Hopscope started are in the first state it builds")
  void objectsBeforeStartAppear() {
    LiveApi http = new LiveApi(port);
    Eventually.within(
        Duration.ofSeconds(10),
        "shop/web-0 in /api/v1/topology",
        () -> http.topologyPods().anyMatch(p -> p.get("name").asString().equals("web-0")),
        () -> source.current());
    Eventually.within(
        Duration.ofSeconds(10),
        "shop/web-0, namespace shop and service shop/web",
        () ->
            pod(source.current(), "web-0").isPresent()
                && source.current().namespaces().stream().anyMatch(n -> n.name().equals("shop"))
                && source.current().services().stream().anyMatch(s -> s.name().equals("web")),
        () -> source.current());
    assertThat(source.status().kind()).isEqualTo("kubernetes");
    assertThat(source.status().context()).isEqualTo("mock-context");
    assertThat(source.status().name()).contains("mock-cluster");
    Eventually.within(
        Duration.ofSeconds(5),
        "health UP and the server version",
        () ->
            source.status().health().equals("UP")
                && source.status().messages().contains("server version v1.31.4"),
        () -> source.status());
  }

  @Test
  @DisplayName(
      "a pod created, relabelled and deleted later is reflected in the topology API, with an SSE event, within 2 seconds")
  void podLifecycleIsFollowed() {
    objectsBeforeStartAppear();
    LiveApi http = new LiveApi(port);
    try (KubernetesClient client = api.client();
        LiveApi.EventStream events = http.events()) {
      client
          .pods()
          .inNamespace("shop")
          .resource(pod("web-1", Map.of("app", "web"), "10.244.1.11"))
          .create();
      Eventually.within(
          LIVE,
          "pod shop/web-1 in /api/v1/topology and an SSE event naming it",
          () -> topologyPod(http, "web-1").isPresent() && events.hasData("pod shop/web-1 added"),
          events::lines);

      client
          .pods()
          .inNamespace("shop")
          .withName("web-1")
          .edit(
              p ->
                  new PodBuilder(p)
                      .editMetadata()
                      .addToLabels("tier", "frontend")
                      .endMetadata()
                      .build());
      Eventually.within(
          LIVE,
          "label tier=frontend on shop/web-1 and an SSE event",
          () ->
              topologyPod(http, "web-1")
                      .map(p -> p.get("labels").path("tier").asString("").equals("frontend"))
                      .orElse(false)
                  && events.hasData("pod shop/web-1 updated"),
          events::lines);

      client.pods().inNamespace("shop").withName("web-1").delete();
      Eventually.within(
          LIVE,
          "shop/web-1 gone from /api/v1/topology and an SSE event",
          () -> topologyPod(http, "web-1").isEmpty() && events.hasData("pod shop/web-1 deleted"),
          events::lines);
    }
  }

  @Test
  @DisplayName("a NetworkPolicy added later changes /api/v1/policy/verdict for the pair it affects")
  void networkPolicyChangesVerdict() {
    objectsBeforeStartAppear();
    LiveApi http = new LiveApi(port);
    List<StateChange> seen = new CopyOnWriteArrayList<>();
    Disposable subscription = source.changes().subscribe(seen::add);
    try (KubernetesClient client = api.client()) {
      client
          .pods()
          .inNamespace("shop")
          .resource(pod("cache", Map.of("role", "frontend"), "10.244.3.1"))
          .create();
      client
          .pods()
          .inNamespace("shop")
          .resource(pod("api", Map.of("role", "backend"), "10.244.3.2"))
          .create();
      client
          .pods()
          .inNamespace("shop")
          .resource(pod("intruder", Map.of("role", "other"), "10.244.3.3"))
          .create();
      Eventually.within(
          LIVE,
          "the three pods",
          () ->
              pod(source.current(), "intruder").isPresent()
                  && pod(source.current(), "cache").isPresent()
                  && pod(source.current(), "api").isPresent(),
          () -> seen);
      assertThat(allowed(http, "intruder", "cache")).isTrue();

      client
          .network()
          .v1()
          .networkPolicies()
          .inNamespace("shop")
          .resource(
              new NetworkPolicyBuilder()
                  .withNewMetadata()
                  .withName("cache-from-backend")
                  .endMetadata()
                  .withNewSpec()
                  .withNewPodSelector()
                  .addToMatchLabels("role", "frontend")
                  .endPodSelector()
                  .addNewIngress()
                  .addNewFrom()
                  .withNewPodSelector()
                  .addToMatchLabels("role", "backend")
                  .endPodSelector()
                  .endFrom()
                  .addNewPort()
                  .withProtocol("TCP")
                  .withPort(new IntOrString(6379))
                  .endPort()
                  .endIngress()
                  .endSpec()
                  .build())
          .create();
      Eventually.within(
          LIVE,
          "the policy in the state and its change event",
          () ->
              !source.current().networkPolicies().isEmpty()
                  && mentions(seen, "networkpolicy shop/cache-from-backend added"),
          () -> seen);
      assertThat(allowed(http, "intruder", "cache")).isFalse();
      assertThat(allowed(http, "api", "cache")).isTrue();
    } finally {
      subscription.dispose();
    }
  }

  private static boolean allowed(LiveApi http, String from, String to) {
    JsonNode verdict =
        http.json(
            "/api/v1/policy/verdict?from=shop/"
                + from
                + "&to=shop/"
                + to
                + "&port=6379&protocol=TCP");
    assertThat(verdict.has("allowed")).as("verdict %s", verdict).isTrue();
    return verdict.get("allowed").asBoolean();
  }

  private static Optional<JsonNode> topologyPod(LiveApi http, String name) {
    return http.topologyPods()
        .filter(
            p ->
                p.get("namespace").asString().equals("shop")
                    && p.get("name").asString().equals(name))
        .findFirst();
  }

  @Test
  @DisplayName("a burst of changes yields a few new states, not one per event")
  void burstsAreCoalesced() throws Exception {
    objectsBeforeStartAppear();
    List<StateChange> seen = new CopyOnWriteArrayList<>();
    Disposable subscription = source.changes().subscribe(seen::add);
    try (KubernetesClient client = api.client()) {
      // from 10 threads, so that the burst is as short as the API server allows even on a slow
      // machine
      ExecutorService creators = Executors.newFixedThreadPool(10);
      try {
        List<Callable<Object>> creates =
            IntStream.range(0, 30)
                .<Callable<Object>>mapToObj(
                    i ->
                        () ->
                            client
                                .pods()
                                .inNamespace("shop")
                                .resource(
                                    pod("burst-" + i, Map.of("app", "burst"), "10.244.2." + i))
                                .create())
                .toList();
        for (Future<Object> created : creators.invokeAll(creates)) {
          created.get();
        }
      } finally {
        creators.shutdownNow();
      }
      // The informer's store may already hold a pod whose change line is still waiting in the next
      // coalescing window, so wait for both the pods and the 30 lines.
      Eventually.within(
          LIVE,
          "all 30 burst pods and a change line for each",
          () ->
              source.current().pods().stream().filter(p -> p.name().startsWith("burst-")).count()
                      == 30
                  && burstLines(seen) >= 30,
          () -> seen);
      assertThat(burstLines(seen)).isEqualTo(30);
      assertThat(seen.size()).as("states built for 30 events").isLessThan(10);
    } finally {
      subscription.dispose();
    }
  }

  private static long burstLines(List<StateChange> changes) {
    return changes.stream()
        .flatMap(c -> c.changes().stream())
        .filter(l -> l.contains("burst-"))
        .count();
  }

  private static boolean mentions(List<StateChange> changes, String line) {
    return changes.stream().anyMatch(c -> c.changes().contains(line));
  }

  private static Optional<Pod> pod(ClusterState state, String name) {
    return state.pods().stream()
        .filter(p -> p.namespace().equals("shop") && p.name().equals(name))
        .findFirst();
  }
}
