package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.SourceInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calico's operator {@code Installation}, {@code IPPool}s, {@code FelixConfiguration}, {@code
 * BlockAffinity} and the node address annotation, and Canal; first on the released install
 * manifests of the real-world corpus, then on small hand-written inputs.
 */
class CalicoDetectionTest {

  private static NetworkProfile realWorld(String folder) {
    Path dir = ClusterDirectories.realWorld().resolve(folder);
    ParsedManifests parsed = new ManifestParser().parseTree(dir);
    ClusterState state =
        ClusterAssembler.assemble(
            parsed.objects(),
            new SourceInfo("manifests", folder, "", Instant.EPOCH, parsed.warnings(), Map.of()));
    return state.network();
  }

  @Nested
  @DisplayName("released install manifests (real-world corpus)")
  class RealWorld {

    @ParameterizedTest(name = "{0}: {1} {2}, crossSubnet={3}, pool {4}, MTU {5}")
    @CsvSource({
      // calico.yaml: CALICO_IPV4POOL_IPIP=Always, CALICO_IPV4POOL_CIDR commented out
      "calico, CALICO, IPIP, false, 192.168.0.0/16, 1480",
      // calico-vxlan.yaml: CALICO_IPV4POOL_VXLAN=CrossSubnet, MTUs from a ConfigMap reference
      "calico-vxlan, CALICO, VXLAN, true, 192.168.0.0/16, 1450",
      // custom-resources.yaml: Installation ipPools 192.168.0.0/16 VXLANCrossSubnet, no mtu
      "calico-operator, CALICO, VXLAN, true, 192.168.0.0/16, 1450",
      // canal.yaml: canal-config net-conf.json 10.244.0.0/16 vxlan, veth_mtu "0" (auto)
      "canal, CANAL, VXLAN, false, 10.244.0.0/16, 1450"
    })
    void detected(
        String folder, CniPlugin plugin, CniMode mode, boolean crossSubnet, String pool, int mtu) {
      NetworkProfile p = realWorld(folder);
      assertThat(p.plugin()).isEqualTo(plugin);
      assertThat(p.mode()).isEqualTo(mode);
      assertThat(p.crossSubnet()).isEqualTo(crossSubnet);
      assertThat(p.podCidrs()).containsExactly(pool);
      assertThat(p.mtu()).isEqualTo(mtu);
      assertThat(p.wireguard()).isFalse();
    }

    @Test
    @DisplayName("the operator install is read from its Installation, and says so")
    void operator() {
      assertThat(realWorld("calico-operator").detectedFrom())
          .contains(
              "Installation default: ipPools cidr=192.168.0.0/16, encapsulation=VXLANCrossSubnet,"
                  + " blockSize=26");
    }

    @Test
    @DisplayName("Canal says both halves: Flannel's datapath and Calico's policy")
    void canal() {
      assertThat(realWorld("canal").detectedFrom())
          .contains(
              "DaemonSet kube-system/canal, ConfigMap kube-system/canal-config: Canal: Flannel"
                  + " datapath, Calico policy (Felix, cali* veths)",
              "ConfigMap kube-system/canal-config: Backend.Type=vxlan");
    }
  }

  private static final String CALICO_NODE =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: calico-node, namespace: kube-system}
      spec:
        template:
          metadata: {labels: {k8s-app: calico-node}}
          spec:
            containers:
            - name: calico-node
              image: example/calico-node
              env:
              - {name: CALICO_IPV4POOL_IPIP, value: "Always"}
              - {name: CALICO_IPV4POOL_CIDR, value: "10.10.0.0/16"}
      """;

  private static String installation(String calicoNetwork) {
    return """
        apiVersion: operator.tigera.io/v1
        kind: Installation
        metadata: {name: default}
        spec:
          calicoNetwork:
        %s
        """
        .formatted(calicoNetwork.indent(4).stripTrailing());
  }

  private static String ipPool(String apiVersion, String name, String spec) {
    return """
        apiVersion: %s
        kind: IPPool
        metadata: {name: %s}
        spec:
        %s
        """
        .formatted(apiVersion, name, spec.indent(2).stripTrailing());
  }

  @ParameterizedTest(name = "Installation encapsulation {0} -> {1}, crossSubnet={2}, MTU {3}")
  @CsvSource({
    "IPIP, IPIP, false, 1480",
    "IPIPCrossSubnet, IPIP, true, 1480",
    "VXLAN, VXLAN, false, 1450",
    "VXLANCrossSubnet, VXLAN, true, 1450",
    "None, BGP, false, 1500",
    "Geneve, UNKNOWN, false, 1500"
  })
  void installationEncapsulation(String encapsulation, CniMode mode, boolean cross, int mtu) {
    NetworkProfile p =
        assemble(
                installation(
                    """
                    ipPools:
                    - {cidr: 172.20.0.0/16, encapsulation: %s}
                    """
                        .formatted(encapsulation)))
            .network();
    assertThat(p.plugin()).isEqualTo(CniPlugin.CALICO);
    assertThat(p.mode()).isEqualTo(mode);
    assertThat(p.crossSubnet()).isEqualTo(cross);
    assertThat(p.podCidrs()).containsExactly("172.20.0.0/16");
    assertThat(p.mtu()).isEqualTo(mtu);
  }

  @Test
  @DisplayName("Installation: mtu, bgp and the eBPF dataplane (which load-balances Services)")
  void installationMtuBgpAndBpf() {
    NetworkProfile p =
        assemble(
                installation(
                    """
                    bgp: Disabled
                    mtu: 8950
                    linuxDataplane: BPF
                    ipPools:
                    - {cidr: 172.20.0.0/16, encapsulation: VXLAN}
                    - {cidr: "fd00:10::/64", encapsulation: None}
                    """))
            .network();
    assertThat(p.mtu()).isEqualTo(8950);
    assertThat(p.podCidrs()).containsExactly("172.20.0.0/16", "fd00:10::/64");
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.EBPF);
    assertThat(p.detectedFrom())
        .contains(
            "Installation default: bgp=Disabled",
            "Installation default: mtu=8950",
            "Installation default: linuxDataplane=BPF: eBPF dataplane, Services load-balanced by"
                + " Calico");
  }

  @Test
  @DisplayName("Installation without pools: the operator's default pool, IPIP")
  void installationDefaults() {
    NetworkProfile p = assemble(installation("{}")).network();
    assertThat(p.mode()).isEqualTo(CniMode.IPIP);
    assertThat(p.podCidrs()).containsExactly("192.168.0.0/16");
  }

  @ParameterizedTest(name = "{0} IPPool ipipMode={1} vxlanMode={2} -> {3}, crossSubnet={4}")
  @CsvSource({
    "crd.projectcalico.org/v1, Always, Never, IPIP, false",
    "crd.projectcalico.org/v1, CrossSubnet, Never, IPIP, true",
    "projectcalico.org/v3, Never, Always, VXLAN, false",
    "projectcalico.org/v3, Never, CrossSubnet, VXLAN, true",
    "projectcalico.org/v3, Never, Never, BGP, false"
  })
  void ipPools(String apiVersion, String ipip, String vxlan, CniMode mode, boolean cross) {
    NetworkProfile p =
        assemble(
                CALICO_NODE,
                ipPool(
                    apiVersion,
                    "default-ipv4-ippool",
                    "{cidr: 10.20.0.0/16, ipipMode: %s, vxlanMode: %s, blockSize: 24}"
                        .formatted(ipip, vxlan)))
            .network();
    assertThat(p.plugin()).isEqualTo(CniPlugin.CALICO);
    assertThat(p.mode()).as("the IPPool wins over calico-node's env").isEqualTo(mode);
    assertThat(p.crossSubnet()).isEqualTo(cross);
    assertThat(p.podCidrs()).containsExactly("10.20.0.0/16");
    assertThat(p.detectedFrom())
        .contains(
            "IPPool default-ipv4-ippool: cidr=10.20.0.0/16, ipipMode="
                + ipip
                + ", vxlanMode="
                + vxlan
                + ", blockSize=24");
  }

  @Test
  @DisplayName("an IPPool of another project (same kind, other group) is not Calico's")
  void foreignIpPool() {
    NetworkProfile p =
        assemble(ipPool("metallb.io/v1beta1", "lb", "{cidr: 10.30.0.0/16, vxlanMode: Always}"))
            .network();
    assertThat(p.plugin()).isEqualTo(CniPlugin.UNKNOWN);
  }

  @Test
  @DisplayName("disabled pools are skipped; the first enabled IPv4 pool decides the mode")
  void disabledPool() {
    NetworkProfile p =
        assemble(
                ipPool(
                    "projectcalico.org/v3",
                    "a-old",
                    "{cidr: 10.1.0.0/16, ipipMode: Always, disabled: true}"),
                ipPool("projectcalico.org/v3", "b-new", "{cidr: 10.2.0.0/16, vxlanMode: Always}"))
            .network();
    assertThat(p.mode()).isEqualTo(CniMode.VXLAN);
    assertThat(p.podCidrs()).containsExactly("10.2.0.0/16");
  }

  @Test
  @DisplayName("a pool whose cidr is not an address range is ignored, and said")
  void badCidr() {
    NetworkProfile p =
        assemble(
                ipPool("projectcalico.org/v3", "bad", "{cidr: 10.0.0.0/99, vxlanMode: Always}"),
                installation("ipPools: [{cidr: not-a-range}]"))
            .network();
    assertThat(p.podCidrs()).isEmpty();
    assertThat(p.mode()).isEqualTo(CniMode.BGP);
    assertThat(p.detectedFrom())
        .contains("IPPool bad: cidr '10.0.0.0/99' is not an address range; ignored");
    NetworkProfile operator = assemble(installation("ipPools: [{cidr: not-a-range}]")).network();
    assertThat(operator.podCidrs()).containsExactly("192.168.0.0/16");
    assertThat(operator.detectedFrom())
        .contains(
            "Installation default: ipPools cidr 'not-a-range' is not an address range; ignored");
  }

  @Test
  @DisplayName("FelixConfiguration: wireguardEnabled and bpfEnabled")
  void felixConfiguration() {
    NetworkProfile p =
        assemble(
                CALICO_NODE,
                """
                apiVersion: crd.projectcalico.org/v1
                kind: FelixConfiguration
                metadata: {name: default}
                spec: {wireguardEnabled: true, bpfEnabled: true}
                """)
            .network();
    assertThat(p.wireguard()).isTrue();
    assertThat(p.mtu()).isEqualTo(1440);
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.EBPF);
    assertThat(p.detectedFrom())
        .contains(
            "FelixConfiguration default: wireguardEnabled=true",
            "no kube-proxy and Calico's eBPF dataplane replaces it: Services load-balanced by eBPF");
  }

  @Test
  @DisplayName("BlockAffinity gives each node its blocks; the address annotation gives its subnet")
  void blockAffinityAndSubnet() {
    ClusterState state =
        assemble(
            CALICO_NODE,
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: n1
              annotations: {projectcalico.org/IPv4Address: 10.0.1.5/24}
            spec: {podCIDR: 10.244.0.0/24}
            status: {addresses: [{type: InternalIP, address: 10.0.1.5}]}
            """,
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: n2
              annotations: {projectcalico.org/IPv4Address: not-an-address}
            status: {addresses: [{type: InternalIP, address: 10.0.1.6}]}
            """,
            blockAffinity("n1-10-10-1-64-26", "n1", "10.10.1.64/26", "confirmed"),
            blockAffinity("n1-10-10-1-0-26", "n1", "10.10.1.0/26", "confirmed"),
            blockAffinity("n2-10-10-2-0-26", "n2", "10.10.2.0/26", "pendingDeletion"));
    Node n1 = state.nodes().get(0);
    Node n2 = state.nodes().get(1);
    assertThat(n1.podCidrs()).containsExactly("10.10.1.0/26", "10.10.1.64/26");
    assertThat(n1.subnet()).isEqualTo("10.0.1.5/24");
    assertThat(n2.podCidrs()).isEmpty();
    assertThat(n2.subnet()).isEmpty();
    assertThat(state.source().warnings())
        .anyMatch(w -> w.contains("projectcalico.org/IPv4Address 'not-an-address'"));
  }

  private static String blockAffinity(String name, String node, String cidr, String state) {
    return """
        apiVersion: crd.projectcalico.org/v1
        kind: BlockAffinity
        metadata: {name: %s}
        spec: {node: %s, cidr: "%s", state: %s, deleted: "false"}
        """
        .formatted(name, node, cidr, state);
  }
}
