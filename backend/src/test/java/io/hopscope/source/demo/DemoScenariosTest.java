package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServiceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoScenariosTest {

  private static final String TINY_CLUSTER =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
      data: {net-conf.json: '{"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan"}}'}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: shop, labels: {app: web}}
      spec: {containers: [{name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}]}
      """;

  private final DemoScenarios scenarios = new DemoScenarios();

  @Test
  @DisplayName("All six bundled scenarios are on the classpath, the default first")
  void sixScenarios() {
    assertThat(scenarios.available()).containsSubsequence(DemoScenarios.NAMES);
    assertThat(scenarios.available().get(0)).isEqualTo(DemoScenarios.DEFAULT);
  }

  @Test
  @DisplayName(
      "The default cluster has what DESIGN §3 promises: 3 nodes, 4 namespaces, 15 pods, every Service type, nginx+fluentd, 3 policies")
  void defaultClusterShape() {
    ClusterState state = scenarios.load(DemoScenarios.DEFAULT);
    assertThat(state.network().plugin()).isEqualTo(CniPlugin.FLANNEL);
    assertThat(state.network().mode()).isEqualTo(CniMode.VXLAN);
    assertThat(state.nodes()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(state.namespaces())
        .extracting(Namespace::name)
        .contains("shop", "payments", "monitoring", "kube-system");
    assertThat(state.pods()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(state.services())
        .extracting(Service::type)
        .contains(ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER);
    assertThat(state.services()).anyMatch(Service::headless);
    assertThat(state.pods())
        .anySatisfy(
            p -> assertThat(p.containers()).extracting(c -> c.name()).contains("nginx", "fluentd"));
    assertThat(state.pods())
        .anyMatch(p -> p.namespace().equals("kube-system") && p.name().startsWith("coredns"));
    assertThat(state.networkPolicies()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(state.networkPolicies())
        .anySatisfy(
            p -> {
              assertThat(p.podSelector().matchLabels()).containsEntry("role", "frontend");
              assertThat(p.ingress())
                  .anySatisfy(
                      r -> {
                        assertThat(r.peers())
                            .anyMatch(
                                peer ->
                                    peer.podSelector() != null
                                        && "backend"
                                            .equals(peer.podSelector().matchLabels().get("role")));
                        assertThat(r.ports())
                            .anyMatch(port -> port.port() != null && port.port().number() == 6379);
                      });
            });
    assertThat(state.networkPolicies()).extracting(NetworkPolicy::namespace).contains("payments");
  }

  @Test
  @DisplayName("Scenarios are found and read inside a jar, as in the executable jar")
  void loadsFromJar(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("demo.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out)) {
      jarOut.putNextEntry(new JarEntry("demo/"));
      jarOut.putNextEntry(new JarEntry("demo/jarred/"));
      jarOut.putNextEntry(new JarEntry("demo/jarred/nested/"));
      jarOut.putNextEntry(new JarEntry("demo/jarred/nested/cluster.yaml"));
      jarOut.write(TINY_CLUSTER.getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      DemoScenarios fromJar = new DemoScenarios(loader, new ManifestsLoader());
      assertThat(fromJar.available()).containsExactly("jarred");
      ClusterState state = fromJar.load("jarred");
      assertThat(state.source().kind()).isEqualTo("demo");
      assertThat(state.network().plugin()).isEqualTo(CniPlugin.FLANNEL);
      assertThat(state.pods()).extracting(Pod::name).containsExactly("web");
    }
  }

  @Test
  @DisplayName("Loading the same scenario twice gives equal clusters (apart from the capture time)")
  void deterministic() {
    ClusterState a = scenarios.load("calico-bgp");
    ClusterState b = scenarios.load("calico-bgp");
    assertThat(a.pods()).isEqualTo(b.pods());
    assertThat(a.services()).isEqualTo(b.services());
    assertThat(a.interfaces()).isEqualTo(b.interfaces());
    assertThat(a.links()).isEqualTo(b.links());
  }

  @Test
  @DisplayName("An unknown scenario is rejected with the list of valid names")
  void unknownScenario() {
    assertThatThrownBy(() -> scenarios.load("no-such-cluster"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown demo scenario 'no-such-cluster'")
        .hasMessageContaining(String.join(", ", DemoScenarios.NAMES));
  }

  @Test
  @DisplayName("The demo source says which cluster it shows and why")
  void demoSourceStatus() {
    ClusterSource source =
        DemoSource.load(
            scenarios,
            "weave",
            List.of(
                "No kubeconfig or in-cluster service account found: showing the demo cluster 'weave'"));
    assertThat(source.status().kind()).isEqualTo("demo");
    assertThat(source.status().name()).isEqualTo("weave");
    assertThat(source.status().messages()).first().asString().startsWith("No kubeconfig");
    assertThat(source.status().messages()).anyMatch(m -> m.contains("WEAVE FASTDP"));
    assertThat(source.current().network().plugin()).isEqualTo(CniPlugin.WEAVE);
  }
}
