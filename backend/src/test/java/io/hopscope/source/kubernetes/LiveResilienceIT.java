package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.ClusterState;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One API server's life: absent at start, then up, then restarted empty. Steps run in order. */
@LiveApplicationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The live source survives an API server that is missing, then restarts")
class LiveResilienceIT {

  private static final Duration RECOVERY = Duration.ofSeconds(10);
  private static final MockApiServer api = MockApiServer.notStarted();

  @Autowired ClusterSource source;

  @DynamicPropertySource
  static void connection(DynamicPropertyRegistry registry) {
    api.connect(registry);
  }

  @AfterAll
  static void stopApiServer() {
    api.close();
  }

  @Test
  @Order(1)
  @DisplayName(
      "with no API server Hopscope starts anyway, serves an empty cluster and says it cannot connect")
  void startsWithoutApiServer() {
    assertThat(source.current().pods()).isEmpty();
    Eventually.within(
        RECOVERY,
        "a status naming the unreachable API server",
        () ->
            source.status().messages().stream()
                .anyMatch(m -> m.startsWith("cannot reach the API server")),
        () -> source.status());
    assertThat(source.status().health()).isEqualTo("DOWN");
    assertThat(source.status().messages())
        .contains("showing an empty cluster until the API server answers");
  }

  @Test
  @Order(2)
  @DisplayName("when the API server comes up, its objects appear and health turns UP")
  void connectsWhenApiServerAppears() {
    api.start();
    create("before-restart");
    Eventually.within(
        RECOVERY,
        "namespace before-restart and health UP",
        () ->
            hasNamespace(source.current(), "before-restart")
                && source.status().health().equals("UP"),
        () -> source.status());
  }

  @Test
  @Order(3)
  @DisplayName(
      "while the API server is down the last state is served and health is DEGRADED with the last event age")
  void servesLastStateWhileDown() {
    api.stop();
    Eventually.within(
        RECOVERY,
        "health DEGRADED",
        () -> source.status().health().equals("DEGRADED"),
        () -> source.status());
    assertThat(hasNamespace(source.current(), "before-restart")).isTrue();
    assertThat(source.status().messages())
        .anyMatch(m -> m.startsWith("cannot reach the API server at http://127.0.0.1:"))
        .anyMatch(m -> m.startsWith("showing the last state received"))
        .anyMatch(m -> m.matches("last event \\d+ s ago"));
  }

  @Test
  @Order(4)
  @DisplayName(
      "after the API server restarts, Hopscope relists and reflects objects created after the restart")
  void recoversAfterRestart() {
    api.start();
    create("after-restart");
    Eventually.within(
        RECOVERY,
        "namespace after-restart, before-restart gone, health UP",
        () ->
            hasNamespace(source.current(), "after-restart")
                && !hasNamespace(source.current(), "before-restart")
                && source.status().health().equals("UP"),
        () -> Map.of("status", source.status(), "namespaces", source.current().namespaces()));
  }

  private static void create(String namespace) {
    try (KubernetesClient client = api.client()) {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }

  private static boolean hasNamespace(ClusterState state, String name) {
    return state.namespaces().stream().anyMatch(n -> n.name().equals(name));
  }
}
