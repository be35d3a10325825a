package io.hopscope.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.SourceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SourceConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, SourceConfiguration.class);

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(HopscopeProperties.class)
  static class Properties {}

  /** A live source factory as the kubernetes package provides it, returning a fixed state. */
  @Configuration(proxyBeanMethods = false)
  static class FakeLive {
    @Bean
    LiveClusterSourceFactory liveFactory() {
      return () -> liveSource();
    }
  }

  static ClusterSource liveSource() {
    ClusterState state =
        Fixtures.cluster()
            .source(new SourceInfo("kubernetes", "test", "ctx", Instant.EPOCH, List.of(), Map.of()))
            .build();
    return new StaticClusterSource(
        state, new SourceStatus("kubernetes", "test", "ctx", "UP", List.of()));
  }

  private static HopscopeProperties properties(String source, String scenario) {
    return new HopscopeProperties(source, null, null, new HopscopeProperties.Demo(scenario));
  }

  @Test
  @DisplayName("hopscope.source=demo with a scenario shows that demo cluster")
  void demoScenario() {
    runner
        .withPropertyValues("hopscope.source=demo", "hopscope.demo.scenario=calico-bgp")
        .run(
            context -> {
              ClusterSource source = context.getBean(ClusterSource.class);
              assertThat(source.status().kind()).isEqualTo("demo");
              assertThat(source.status().name()).isEqualTo("calico-bgp");
              assertThat(source.current().network().plugin()).isEqualTo(CniPlugin.CALICO);
            });
  }

  @Test
  @DisplayName("An unknown demo scenario fails startup with the valid names")
  void unknownScenario() {
    runner
        .withPropertyValues("hopscope.source=demo", "hopscope.demo.scenario=flannel-vxlam")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("unknown demo scenario 'flannel-vxlam'")
                    .hasMessageContaining(
                        "flannel-vxlan, flannel-host-gw, calico-bgp, calico-ipip, cilium-ebpf, weave"));
  }

  @Test
  @DisplayName("hopscope.source=manifests reads hopscope.manifests.path")
  void manifests(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\n");
    runner
        .withPropertyValues("hopscope.source=manifests", "hopscope.manifests.path=" + dir)
        .run(
            context -> {
              ClusterSource source = context.getBean(ClusterSource.class);
              assertThat(source.status().kind()).isEqualTo("manifests");
              assertThat(source.current().pods())
                  .singleElement()
                  .satisfies(p -> assertThat(p.name()).isEqualTo("web"));
            });
  }

  @Test
  @DisplayName(
      "hopscope.source=manifests without a path, with a missing path, or with bad manifests fails startup clearly")
  void manifestsErrors(@TempDir Path dir) throws IOException {
    runner
        .withPropertyValues("hopscope.source=manifests")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("needs hopscope.manifests.path"));
    runner
        .withPropertyValues(
            "hopscope.source=manifests", "hopscope.manifests.path=" + dir.resolve("missing"))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("does not exist or cannot be read"));
    Files.writeString(
        dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: Bad_Name}\n");
    runner
        .withPropertyValues("hopscope.source=manifests", "hopscope.manifests.path=" + dir)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("bad.yaml:3:")
                    .hasMessageContaining("Bad_Name"));
  }

  @Test
  @DisplayName(
      "hopscope.source=kubernetes without the live source fails startup; with it, the live source is used")
  void kubernetes() {
    runner
        .withPropertyValues("hopscope.source=kubernetes")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("live Kubernetes source is not available"));
    runner
        .withUserConfiguration(FakeLive.class)
        .withPropertyValues("hopscope.source=kubernetes")
        .run(
            context ->
                assertThat(context.getBean(ClusterSource.class).status().kind())
                    .isEqualTo("kubernetes"));
  }

  @Test
  @DisplayName("An unknown hopscope.source fails startup naming the valid ones")
  void unknownSource() {
    runner
        .withPropertyValues("hopscope.source=cloud")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("not one of auto, demo, manifests, kubernetes"));
  }

  @Test
  @DisplayName("auto without credentials shows the demo and says why")
  void autoWithoutCredentials() {
    ClusterSource source =
        SourceConfiguration.auto(
            properties("auto", "weave"),
            new DefaultListableBeanFactory().getBeanProvider(LiveClusterSourceFactory.class),
            Optional.empty());
    assertThat(source.status().kind()).isEqualTo("demo");
    assertThat(source.status().messages())
        .contains(
            "No kubeconfig or in-cluster service account found: showing the demo cluster 'weave'");
  }

  @Test
  @DisplayName("auto with a kubeconfig but no live source shows the demo and says why")
  void autoWithoutLiveSource() {
    ClusterSource source =
        SourceConfiguration.auto(
            properties("auto", "flannel-vxlan"),
            new DefaultListableBeanFactory().getBeanProvider(LiveClusterSourceFactory.class),
            Optional.of("kubeconfig /home/me/.kube/config"));
    assertThat(source.status().kind()).isEqualTo("demo");
    assertThat(source.status().messages())
        .anyMatch(
            m ->
                m.startsWith(
                    "kubeconfig /home/me/.kube/config found but the live source is not available yet: showing the demo cluster 'flannel-vxlan'"));
  }

  @Test
  @DisplayName("auto with credentials and a live source goes live")
  void autoLive() {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("live", (LiveClusterSourceFactory) SourceConfigurationTest::liveSource);
    ClusterSource source =
        SourceConfiguration.auto(
            properties("auto", null),
            beans.getBeanProvider(LiveClusterSourceFactory.class),
            Optional.of("in-cluster service account"));
    assertThat(source.status().kind()).isEqualTo("kubernetes");
  }

  @Test
  @DisplayName(
      "Credentials: in-cluster needs KUBERNETES_SERVICE_HOST and the token; then KUBECONFIG; then ~/.kube/config")
  void credentials(@TempDir Path dir) throws IOException {
    Path token = Files.writeString(dir.resolve("token"), "t");
    Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1");
    Path home = dir.resolve("home-config");
    assertThat(ClusterCredentials.find(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), token, home))
        .contains("in-cluster service account");
    assertThat(ClusterCredentials.find(Map.of(), token, home)).isEmpty();
    assertThat(
            ClusterCredentials.find(
                Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"), dir.resolve("no-token"), home))
        .isEmpty();
    assertThat(
            ClusterCredentials.find(
                Map.of("KUBECONFIG", dir.resolve("nope") + java.io.File.pathSeparator + kubeconfig),
                token,
                home))
        .contains("kubeconfig " + kubeconfig);
    Files.writeString(home, "apiVersion: v1");
    assertThat(ClusterCredentials.find(Map.of(), token, home)).contains("kubeconfig " + home);
  }

  @Test
  @DisplayName("Credentials: hopscope.kubernetes.kubeconfig counts when the file is readable")
  void explicitKubeconfig(@TempDir Path dir) throws IOException {
    Path kubeconfig = Files.writeString(dir.resolve("config"), "apiVersion: v1");
    assertThat(ClusterCredentials.explicit(kubeconfig.toString()))
        .contains("kubeconfig " + kubeconfig);
    assertThat(ClusterCredentials.explicit(dir.resolve("missing").toString())).isEmpty();
    assertThat(ClusterCredentials.explicit("")).isEmpty();
  }
}
