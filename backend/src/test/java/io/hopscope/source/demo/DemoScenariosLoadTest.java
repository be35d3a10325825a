package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled data goes through the real manifests code path ({@link DemoScenarios},
 * ManifestParser, ClusterAssembler) and comes out as the cluster it describes: the pods of the
 * files and no invented ones, the network profile the CNI objects say, endpoints derived or read as
 * intended.
 */
class DemoScenariosLoadTest {

  private static final Map<String, ClusterState> STATES = new ConcurrentHashMap<>();

  /** plugin, mode, kube-proxy mode, MTU, cluster pod range per scenario. */
  private static final Map<String, NetworkProfile> EXPECTED =
      Map.of(
          "flannel-vxlan",
              profile(
                  CniPlugin.FLANNEL, CniMode.VXLAN, KubeProxyMode.IPTABLES, 1450, "10.244.0.0/16"),
          "flannel-host-gw",
              profile(
                  CniPlugin.FLANNEL,
                  CniMode.HOST_GW,
                  KubeProxyMode.NFTABLES,
                  1500,
                  "10.244.0.0/16"),
          "calico-bgp",
              profile(
                  CniPlugin.CALICO, CniMode.BGP, KubeProxyMode.IPTABLES, 1500, "192.168.0.0/16"),
          "calico-ipip",
              profile(CniPlugin.CALICO, CniMode.IPIP, KubeProxyMode.IPVS, 1480, "192.168.0.0/16"),
          "cilium-ebpf",
              profile(CniPlugin.CILIUM, CniMode.VXLAN, KubeProxyMode.EBPF, 1450, "10.0.0.0/8"),
          "weave",
              profile(
                  CniPlugin.WEAVE, CniMode.FASTDP, KubeProxyMode.IPTABLES, 1376, "10.32.0.0/12"));

  static List<String> scenarios() {
    return DemoScenarioFiles.scenarioNames();
  }

  private static ClusterState state(String name) {
    return STATES.computeIfAbsent(name, n -> new DemoScenarios().load(n));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "a scenario loads without warnings into exactly the nodes, pods, Services and policies of its files")
  void loadsAsWritten(String name) {
    ClusterState state = state(name);
    DemoScenarioFiles files = DemoScenarioFiles.load(name);
    assertThat(state.source().warnings()).isEmpty();
    assertThat(state.nodes()).hasSameSizeAs(files.nodes());
    assertThat(state.pods())
        .extracting(p -> p.ref().toString())
        .containsExactlyInAnyOrderElementsOf(
            files.pods().stream()
                .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .toList());
    for (io.fabric8.kubernetes.api.model.Pod doc : files.pods()) {
      Pod pod =
          state.pods().stream()
              .filter(p -> p.name().equals(doc.getMetadata().getName()))
              .findFirst()
              .orElseThrow();
      assertThat(pod.podIps()).containsExactly(doc.getStatus().getPodIP());
      assertThat(pod.nodeName()).isEqualTo(doc.getSpec().getNodeName());
    }
    assertThat(state.services()).hasSameSizeAs(files.services());
    assertThat(state.networkPolicies())
        .hasSize(
            files.all(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class).size());
    assertThat(state.interfaces()).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "the CNI and kube-proxy objects of a scenario are detected as the scenario's name says")
  void detectedAsNamed(String name) {
    NetworkProfile network = state(name).network();
    NetworkProfile expected = EXPECTED.get(name);
    assertThat(network.plugin()).isEqualTo(expected.plugin());
    assertThat(network.mode()).isEqualTo(expected.mode());
    assertThat(network.kubeProxyMode()).isEqualTo(expected.kubeProxyMode());
    assertThat(network.mtu()).isEqualTo(expected.mtu());
    assertThat(network.podCidrs()).contains(expected.podCidrs().get(0));
    assertThat(network.serviceCidrs()).containsExactly("10.96.0.0/12");
    assertThat(network.clusterDnsIp()).isEqualTo("10.96.0.10");
    assertThat(network.clusterDomain()).isEqualTo("cluster.local");
    assertThat(network.wireguard()).isFalse();
  }

  @Test
  @DisplayName(
      "in the default cluster, catalog's endpoints come from its selector and recommendations has none ready")
  void endpointGaps() {
    ClusterState state = state("flannel-vxlan");
    Service catalog = service(state, "shop", "catalog");
    assertThat(catalog.endpoints()).isNotEmpty().allMatch(Endpoint::ready);
    Service recommendations = service(state, "shop", "recommendations");
    assertThat(recommendations.endpoints()).isNotEmpty().noneMatch(Endpoint::ready);
    Service web = service(state, "shop", "web");
    assertThat(web.endpoints()).hasSize(2).allMatch(e -> e.pod() != null && e.ready());
    assertThat(web.loadBalancerIngress()).containsExactly("192.168.56.240");
    Pod checkout =
        state.pods().stream()
            .filter(p -> p.name().startsWith("checkout-"))
            .findFirst()
            .orElseThrow();
    assertThat(checkout.sidecars()).extracting(s -> s.container()).contains("linkerd-proxy");
  }

  static List<String> detectionCases() {
    return FixtureShapeTest.detectionCases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("detectionCases")
  @DisplayName("each kube-system detection fixture yields its expected.properties")
  void detectionFixtures(String name) throws IOException {
    Path dir = fixtures().resolve("kube-system").resolve(name);
    Properties expected = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("expected.properties"))) {
      expected.load(in);
    }
    NetworkProfile network =
        new ManifestsLoader()
            .assemble(new ManifestParser().parseTree(dir), "manifests", name)
            .network();
    assertThat(network.plugin()).hasToString(expected.getProperty("plugin"));
    assertThat(network.mode()).hasToString(expected.getProperty("mode"));
    assertThat(network.wireguard())
        .isEqualTo(Boolean.parseBoolean(expected.getProperty("wireguard")));
    assertThat(network.kubeProxyMode()).hasToString(expected.getProperty("kubeProxyMode"));
    assertThat(network.mtu()).isEqualTo(Integer.parseInt(expected.getProperty("mtu")));
    assertThat(network.podCidrs()).containsAll(split(expected.getProperty("podCidrs")));
    assertThat(network.serviceCidrs())
        .containsExactlyElementsOf(split(expected.getProperty("serviceCidrs")));
    assertThat(network.clusterDnsIp()).isEqualTo(expected.getProperty("clusterDnsIp"));
    assertThat(network.clusterDomain()).isEqualTo(expected.getProperty("clusterDomain"));
  }

  @Test
  @DisplayName(
      "the workloads-only kubectl dump becomes one pod per workload, as kubectl-dump.expected.txt lists")
  void kubectlDumpStandsForPods() {
    ClusterState state = new ManifestsLoader().load(fixtures().resolve("kubectl-dump"));
    List<String> expected =
        DemoScenarioFiles.lines(DemoScenarioFiles.resource("/fixtures/kubectl-dump.expected.txt"));
    assertThat(state.pods())
        .extracting(p -> p.ref() + " " + p.owner().kind())
        .containsExactlyInAnyOrderElementsOf(expected);
    // a dump without Node objects: its pods share the stand-in node, and the one warning says so
    assertThat(state.pods()).extracting(p -> p.nodeName()).containsOnly("unplaced");
    assertThat(state.source().warnings())
        .singleElement()
        .asString()
        .startsWith(state.pods().size() + " pods without placement")
        .contains("stand-in node 'unplaced'");
  }

  @Test
  @DisplayName("the bad, mixed and hostile fixtures provoke what their README says")
  void problemFixtures() {
    Path fixtures = fixtures();
    assertThatThrownBy(
            () -> new ManifestsLoader().load(fixtures.resolve("manifests-bad/syntax-error.yaml")))
        .hasMessageContaining("syntax-error.yaml:14:15");
    assertThatThrownBy(
            () -> new ManifestsLoader().load(fixtures.resolve("manifests-bad/invalid-name.yaml")))
        .hasMessageContaining("Web_Frontend");
    ClusterState mixed = new ManifestsLoader().load(fixtures.resolve("manifests-mixed"));
    assertThat(mixed.source().warnings())
        .filteredOn(w -> !w.contains("stand-in node"))
        .singleElement()
        .asString()
        .contains("app.yaml");
    assertThat(mixed.source().ignoredKinds()).containsKeys("Kustomization", "Certificate");
    ClusterState hostile = new ManifestsLoader().load(fixtures.resolve("hostile"));
    assertThat(hostile.pods())
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.containers().get(0).image())
                    .isEqualTo("<img src=x onerror=alert(1)>"));
  }

  private static Path fixtures() {
    return DemoScenarioFiles.directoryOf(
        DemoScenarioFiles.resource("/fixtures/kubectl-dump.expected.txt"));
  }

  private static List<String> split(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Service service(ClusterState state, String namespace, String name) {
    return state.services().stream()
        .filter(s -> s.namespace().equals(namespace) && s.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static NetworkProfile profile(
      CniPlugin plugin, CniMode mode, KubeProxyMode proxy, int mtu, String podCidr) {
    return new NetworkProfile(
        plugin, mode, false, mtu, List.of(podCidr), List.of(), proxy, "", "", List.of());
  }
}
