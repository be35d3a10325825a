package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetworkProfile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CniDetectionTest {

  private static NetworkProfile profile(String... documents) {
    return assemble(documents).network();
  }

  private static String daemonSet(String name, String container, String env) {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: %s, namespace: kube-system}
        spec:
          template:
            metadata: {labels: {k8s-app: %s}}
            spec:
              containers:
              - name: %s
                image: example/%s
                env:
        %s
        """
        .formatted(name, name, container, container, env.indent(8).stripTrailing());
  }

  private static String env(String... pairs) {
    return java.util.stream.IntStream.range(0, pairs.length / 2)
        .mapToObj(i -> "- {name: " + pairs[2 * i] + ", value: \"" + pairs[2 * i + 1] + "\"}")
        .collect(Collectors.joining("\n"));
  }

  private static String configMap(String name, String namespace, String data) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
        + name
        + ", namespace: "
        + namespace
        + "}\ndata:\n"
        + data.indent(2);
  }

  @ParameterizedTest(name = "Flannel Backend.Type {0} -> {1}, MTU {2}")
  @CsvSource({
    "vxlan, VXLAN, 1450, false",
    "host-gw, HOST_GW, 1500, false",
    "wireguard, WIREGUARD, 1420, true",
    "udp, UNKNOWN, 1500, false"
  })
  void flannel(String type, CniMode mode, int mtu, boolean wireguard) {
    NetworkProfile p = profile(Clusters.flannel(type));
    assertThat(p.plugin()).isEqualTo(CniPlugin.FLANNEL);
    assertThat(p.mode()).isEqualTo(mode);
    assertThat(p.mtu()).isEqualTo(mtu);
    assertThat(p.wireguard()).isEqualTo(wireguard);
    assertThat(p.podCidrs()).containsExactly("10.244.0.0/16");
    assertThat(p.detectedFrom())
        .contains("ConfigMap kube-flannel/kube-flannel-cfg: Backend.Type=" + type);
  }

  @Test
  @DisplayName("Flannel's VNI and port come from net-conf.json and reach the flannel.<VNI> device")
  void flannelVniAndPort() {
    var state =
        assemble(
            Clusters.node("n1", "192.168.1.1", "10.244.1.0/24"),
            configMap(
                "kube-flannel-cfg",
                "kube-flannel",
                """
        net-conf.json: '{"Network": "10.42.0.0/16", "Backend": {"Type": "vxlan", "VNI": 4, "Port": 4789}}'
        """));
    assertThat(state.interfaces())
        .anySatisfy(
            i -> {
              assertThat(i).isInstanceOf(io.hopscope.topology.NetInterface.Tunnel.class);
              var t = (io.hopscope.topology.NetInterface.Tunnel) i;
              assertThat(t.name()).isEqualTo("flannel.4");
              assertThat(t.vni()).isEqualTo(4);
              assertThat(t.udpPort()).isEqualTo(4789);
            });
  }

  @Test
  @DisplayName(
      "A kube-flannel-ds DaemonSet without its ConfigMap means Flannel with VXLAN assumed, and says so")
  void flannelFromDaemonSetOnly() {
    NetworkProfile p = profile(daemonSet("kube-flannel-ds", "kube-flannel", env("POD_NAME", "x")));
    assertThat(p.plugin()).isEqualTo(CniPlugin.FLANNEL);
    assertThat(p.mode()).isEqualTo(CniMode.VXLAN);
    assertThat(p.detectedFrom()).anyMatch(l -> l.contains("VXLAN assumed"));
  }

  @ParameterizedTest(name = "Calico IPIP={0} VXLAN={1} -> {2}, MTU {3}")
  @CsvSource({
    "Always, Never, IPIP, 1480",
    "CrossSubnet, Never, IPIP, 1480",
    "Never, Always, VXLAN, 1450",
    "Never, CrossSubnet, VXLAN, 1450",
    "Never, Never, BGP, 1500",
    "'', '', BGP, 1500"
  })
  void calico(String ipip, String vxlan, CniMode mode, int mtu) {
    NetworkProfile p =
        profile(
            daemonSet(
                "calico-node",
                "calico-node",
                env(
                    "CALICO_IPV4POOL_IPIP",
                    ipip,
                    "CALICO_IPV4POOL_VXLAN",
                    vxlan,
                    "CALICO_IPV4POOL_CIDR",
                    "192.168.0.0/16")));
    assertThat(p.plugin()).isEqualTo(CniPlugin.CALICO);
    assertThat(p.mode()).isEqualTo(mode);
    assertThat(p.mtu()).isEqualTo(mtu);
    assertThat(p.podCidrs()).containsExactly("192.168.0.0/16");
  }

  @Test
  @DisplayName(
      "Calico with FELIX_WIREGUARDENABLED encrypts, and its MTU settings win over the defaults")
  void calicoWireguardAndMtu() {
    NetworkProfile p =
        profile(
            daemonSet(
                "calico-node",
                "calico-node",
                env(
                    "CALICO_IPV4POOL_IPIP",
                    "Never",
                    "FELIX_WIREGUARDENABLED",
                    "true",
                    "FELIX_WIREGUARDMTU",
                    "1400")));
    assertThat(p.mode()).isEqualTo(CniMode.BGP);
    assertThat(p.wireguard()).isTrue();
    assertThat(p.mtu()).isEqualTo(1400);
    NetworkProfile ipip =
        profile(
            daemonSet(
                "calico-node",
                "calico-node",
                env("CALICO_IPV4POOL_IPIP", "Always", "FELIX_IPINIPMTU", "1440")));
    assertThat(ipip.mtu()).isEqualTo(1440);
  }

  @ParameterizedTest(
      name = "Cilium routing-mode={0} tunnel-protocol={1} tunnel={2} -> {3}, MTU {4}")
  @CsvSource({
    "tunnel, vxlan, '', VXLAN, 1450",
    "tunnel, geneve, '', GENEVE, 1450",
    "native, '', '', NATIVE, 1500",
    "'', '', disabled, NATIVE, 1500",
    "'', '', geneve, GENEVE, 1450",
    "'', '', '', VXLAN, 1450"
  })
  void cilium(String routing, String protocol, String legacy, CniMode mode, int mtu) {
    StringBuilder data = new StringBuilder("cluster-pool-ipv4-cidr: 10.0.0.0/8\n");
    if (!routing.isEmpty()) {
      data.append("routing-mode: ").append(routing).append('\n');
    }
    if (!protocol.isEmpty()) {
      data.append("tunnel-protocol: ").append(protocol).append('\n');
    }
    if (!legacy.isEmpty()) {
      data.append("tunnel: ").append(legacy).append('\n');
    }
    NetworkProfile p = profile(configMap("cilium-config", "kube-system", data.toString()));
    assertThat(p.plugin()).isEqualTo(CniPlugin.CILIUM);
    assertThat(p.mode()).isEqualTo(mode);
    assertThat(p.mtu()).isEqualTo(mtu);
    assertThat(p.podCidrs()).containsExactly("10.0.0.0/8");
  }

  @Test
  @DisplayName(
      "Cilium kube-proxy replacement without kube-proxy means eBPF Service load balancing; WireGuard and mtu are read")
  void ciliumKubeProxyReplacement() {
    NetworkProfile p =
        profile(
            configMap(
                "cilium-config",
                "kube-system",
                """
        kube-proxy-replacement: "true"
        enable-wireguard: "true"
        mtu: "1420"
        """));
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.EBPF);
    assertThat(p.wireguard()).isTrue();
    assertThat(p.mtu()).isEqualTo(1420);
    NetworkProfile strict =
        profile(configMap("cilium-config", "kube-system", "kube-proxy-replacement: strict\n"));
    assertThat(strict.kubeProxyMode()).isEqualTo(KubeProxyMode.EBPF);
  }

  @Test
  @DisplayName(
      "Weave: fast datapath unless WEAVE_NO_FASTDP; IPALLOC_RANGE or the default range; WEAVE_MTU; password noted")
  void weave() {
    NetworkProfile fast =
        profile(
            daemonSet(
                "weave-net",
                "weave",
                env("IPALLOC_RANGE", "10.40.0.0/16", "WEAVE_PASSWORD", "s3cret")));
    assertThat(fast.plugin()).isEqualTo(CniPlugin.WEAVE);
    assertThat(fast.mode()).isEqualTo(CniMode.FASTDP);
    assertThat(fast.mtu()).isEqualTo(1376);
    assertThat(fast.podCidrs()).containsExactly("10.40.0.0/16");
    assertThat(fast.detectedFrom())
        .anyMatch(l -> l.contains("encrypted"))
        .noneMatch(l -> l.contains("s3cret"));
    NetworkProfile sleeve =
        profile(daemonSet("weave-net", "weave", env("WEAVE_NO_FASTDP", "1", "WEAVE_MTU", "1300")));
    assertThat(sleeve.mode()).isEqualTo(CniMode.SLEEVE);
    assertThat(sleeve.mtu()).isEqualTo(1300);
    assertThat(sleeve.podCidrs()).containsExactly("10.32.0.0/12");
  }

  @Test
  @DisplayName("Nothing that names a CNI: plugin and mode unknown, marked so in detectedFrom")
  void unknownCni() {
    NetworkProfile p = profile(Clusters.pod("shop", "web", "", "{app: web}"));
    assertThat(p.plugin()).isEqualTo(CniPlugin.UNKNOWN);
    assertThat(p.mode()).isEqualTo(CniMode.UNKNOWN);
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.UNKNOWN);
    assertThat(p.detectedFrom()).anyMatch(l -> l.contains("plugin unknown"));
  }

  @ParameterizedTest(name = "kube-proxy config.conf mode \"{0}\" -> {1}")
  @CsvSource({"ipvs, IPVS", "nftables, NFTABLES", "iptables, IPTABLES", "'', IPTABLES"})
  void kubeProxyModes(String mode, KubeProxyMode expected) {
    NetworkProfile p =
        profile(
            configMap(
                "kube-proxy",
                "kube-system",
                """
        config.conf: |
          apiVersion: kubeproxy.config.k8s.io/v1alpha1
          kind: KubeProxyConfiguration
          mode: "%s"
        """
                    .formatted(mode)));
    assertThat(p.kubeProxyMode()).isEqualTo(expected);
  }

  @Test
  @DisplayName("A kube-proxy DaemonSet without its ConfigMap means iptables, assumed")
  void kubeProxyDaemonSetOnly() {
    NetworkProfile p = profile(daemonSet("kube-proxy", "kube-proxy", env("NODE_NAME", "x")));
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.IPTABLES);
    assertThat(p.detectedFrom()).anyMatch(l -> l.contains("iptables mode assumed"));
  }

  @Test
  @DisplayName(
      "Cluster DNS from the kube-dns Service and the CoreDNS Corefile; Service range from the API server flag")
  void dnsAndServiceRange() {
    NetworkProfile p =
        profile(
            """
        apiVersion: v1
        kind: Service
        metadata: {name: kube-dns, namespace: kube-system}
        spec: {clusterIP: 10.43.0.10, ports: [{name: dns, port: 53, protocol: UDP}]}
        """,
            configMap(
                "coredns",
                "kube-system",
                """
        Corefile: |
          .:53 {
              errors
              kubernetes corp.internal in-addr.arpa ip6.arpa {
                pods insecure
              }
          }
        """),
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver-cp-1, namespace: kube-system}
        spec:
          containers:
          - name: kube-apiserver
            command: [kube-apiserver, --advertise-address=192.168.1.10, --service-cluster-ip-range=10.43.0.0/16]
        """);
    assertThat(p.clusterDnsIp()).isEqualTo("10.43.0.10");
    assertThat(p.clusterDomain()).isEqualTo("corp.internal");
    assertThat(p.serviceCidrs()).containsExactly("10.43.0.0/16");
  }

  @Test
  @DisplayName(
      "Without the API server flag: 10.96.0.0/12 when it holds every clusterIP, else their /16, else 10.96.0.0/12")
  void serviceRangeFallbacks() {
    NetworkProfile fromIps =
        profile(
            """
        apiVersion: v1
        kind: Service
        metadata: {name: a, namespace: shop}
        spec: {clusterIP: 10.150.3.4, ports: [{port: 80}]}
        """);
    assertThat(fromIps.serviceCidrs()).containsExactly("10.150.0.0/16");
    NetworkProfile insideDefault =
        profile(
            """
        apiVersion: v1
        kind: Service
        metadata: {name: a, namespace: shop}
        spec: {clusterIP: 10.100.3.4, ports: [{port: 80}]}
        """);
    assertThat(insideDefault.serviceCidrs()).containsExactly("10.96.0.0/12");
    assertThat(profile(Clusters.pod("shop", "web", "", "{app: web}")).serviceCidrs())
        .containsExactly("10.96.0.0/12");
  }
}
