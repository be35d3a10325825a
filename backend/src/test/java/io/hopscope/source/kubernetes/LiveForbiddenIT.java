package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hopscope.source.ClusterSource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@LiveApplicationTest
@DisplayName("Without permission to list NetworkPolicies the rest of the cluster still shows")
class LiveForbiddenIT {

  private static final MockApiServer api =
      seeded(MockApiServer.startedForbidding("/networkpolicies"));

  @Autowired ClusterSource source;

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
          .pods()
          .inNamespace("shop")
          .resource(LiveClusterIT.pod("web-0", Map.of("app", "web"), "10.244.1.10"))
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
                  .addNewPort()
                  .withPort(80)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
    return api;
  }

  @Test
  @DisplayName(
      "pods and services are served, health is DEGRADED and the missing permission is named")
  void forbiddenResourceIsReported() {
    Eventually.within(
        Duration.ofSeconds(10),
        "pod, service and the missing permission",
        () ->
            !source.current().pods().isEmpty()
                && !source.current().services().isEmpty()
                && source
                    .status()
                    .messages()
                    .contains(
                        "missing permission: list networkpolicies.networking.k8s.io (cluster-wide)"),
        () -> source.status());
    assertThat(source.status().health()).isEqualTo("DEGRADED");
    assertThat(source.current().pods()).extracting(p -> p.name()).containsExactly("web-0");
    assertThat(source.current().services()).extracting(s -> s.name()).containsExactly("web");
    try (KubernetesClient client = api.client()) {
      client
          .pods()
          .inNamespace("shop")
          .resource(LiveClusterIT.pod("web-1", Map.of("app", "web"), "10.244.1.11"))
          .create();
    }
    Eventually.within(
        Duration.ofSeconds(5),
        "a pod created after the 403 is followed",
        () -> source.current().pods().size() == 2,
        () -> source.current().pods());
  }
}
