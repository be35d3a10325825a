package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.trace.Component;
import io.hopscope.trace.Hop;
import io.hopscope.trace.PacketTracer;
import io.hopscope.trace.Trace;
import io.hopscope.trace.TraceRequest;
import io.hopscope.trace.TraceVerdict;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cilium's cilium-config decides who translates Service addresses, and how (docs/manifests.md). */
class CiliumServicePathTest {

  private static final String KUBE_PROXY_DAEMON_SET =
      """
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: kube-proxy, namespace: kube-system}
      spec:
        template:
          spec:
            containers: [{name: kube-proxy, image: registry.k8s.io/kube-proxy}]
      """;

  private static NetworkProfile profile(String ciliumData, String... more) {
    String config =
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cilium-config, namespace: kube-system}\n"
            + "data:\n"
            + ciliumData.indent(2);
    String[] documents = new String[more.length + 1];
    documents[0] = config;
    System.arraycopy(more, 0, documents, 1, more.length);
    return assemble(documents).network();
  }

  @ParameterizedTest(name = "kube-proxy-replacement {0}, {1} -> {2}, per packet {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true    | ''                               | EBPF      | false",
        "strict  | ''                               | EBPF      | false",
        "probe   | ''                               | EBPF      | false",
        "true    | 'bpf-lb-sock: \"false\"'         | EBPF      | false",
        "true    | 'bpf-lb-sock-hostns-only: \"true\"' | EBPF   | true",
        "partial | 'enable-node-port: \"true\"'     | EBPF      | true",
        "partial | 'bpf-lb-sock: \"true\"'          | EBPF      | false",
        "partial | 'enable-host-reachable-services: \"true\"' | EBPF | false",
        "partial | ''                               | IPTABLES  | false",
        "false   | ''                               | IPTABLES  | false",
        "disabled | ''                              | IPTABLES  | false",
        "false   | 'bpf-lb-sock: \"true\"'          | EBPF      | false",
      })
  void kubeProxyReplacementDecidesTheServicePath(
      String kpr, String extra, KubeProxyMode mode, boolean perPacket) {
    NetworkProfile p =
        profile(
            "kube-proxy-replacement: \"" + kpr + "\"\n" + extra.replace("\\\"", "\""),
            KUBE_PROXY_DAEMON_SET);

    assertThat(p.plugin()).isEqualTo(CniPlugin.CILIUM);
    assertThat(p.kubeProxyMode()).isEqualTo(mode);
    assertThat(p.perPacketServiceLb()).isEqualTo(perPacket);
    assertThat(String.join("\n", p.detectedFrom())).contains("kube-proxy-replacement=" + kpr);
  }

  @Test
  @DisplayName("kube-proxy-replacement=false keeps kube-proxy's mode from its ConfigMap")
  void falseKeepsKubeProxysOwnMode() {
    String kubeProxyConfig =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-proxy, namespace: kube-system}
        data:
          config.conf: |
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            mode: ipvs
        """;
    NetworkProfile p = profile("kube-proxy-replacement: \"false\"", kubeProxyConfig);

    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.IPVS);
    assertThat(p.perPacketServiceLb()).isFalse();
  }

  @Test
  @DisplayName("without kube-proxy-replacement and without kube-proxy the proxy is unknown")
  void noReplacementNoKubeProxyIsUnknown() {
    NetworkProfile p = profile("tunnel-protocol: geneve");

    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.UNKNOWN);
    assertThat(p.mode()).isEqualTo(CniMode.GENEVE);
  }

  @Test
  @DisplayName("the cluster pool defaults to 10.0.0.0/8; Kubernetes IPAM leaves it to the nodes")
  void clusterPoolDefault() {
    assertThat(profile("ipam: cluster-pool").podCidrs()).containsExactly("10.0.0.0/8");
    assertThat(profile("routing-mode: native").podCidrs()).containsExactly("10.0.0.0/8");
    assertThat(profile("ipam: kubernetes").podCidrs()).isEmpty();
    assertThat(profile("cluster-pool-ipv4-cidr: 10.42.0.0/16").podCidrs())
        .containsExactly("10.42.0.0/16");
  }

  @Test
  @DisplayName("the real Cilium quick-install: VXLAN, probe -> eBPF with socket LB, 10.0.0.0/8")
  void realQuickInstall() {
    NetworkProfile p =
        new ManifestsLoader()
            .load(ClusterDirectories.realWorld().resolve("cilium/quick-install.yaml"))
            .network();

    assertThat(p.plugin()).isEqualTo(CniPlugin.CILIUM);
    assertThat(p.mode()).isEqualTo(CniMode.VXLAN);
    assertThat(p.wireguard()).isFalse();
    assertThat(p.kubeProxyMode()).isEqualTo(KubeProxyMode.EBPF);
    assertThat(p.perPacketServiceLb()).isFalse();
    assertThat(p.podCidrs()).containsExactly("10.0.0.0/8");
    assertThat(p.mtu()).isEqualTo(1450);
    assertThat(p.detectedFrom())
        .anySatisfy(line -> assertThat(line).contains("kube-proxy-replacement=probe"))
        .anySatisfy(line -> assertThat(line).contains("tunnel vxlan"));
  }

  @Test
  @DisplayName(
      "an app on the real Cilium install traces the eBPF Service path: socket LB, no DNAT on the node")
  void realInstallTracesTheEbpfServicePath() throws Exception {
    String install =
        java.nio.file.Files.readString(
            ClusterDirectories.realWorld().resolve("cilium/quick-install.yaml"));
    String backend =
        """
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec: {selector: {app: api}, ports: [{port: 80, targetPort: 8080}]}
        """;
    var state =
        assemble(
            install,
            Clusters.node("node-1", "192.168.1.11", "10.0.1.0/24"),
            Clusters.node("node-2", "192.168.1.12", "10.0.2.0/24"),
            Clusters.pod("shop", "web", "node-1", "{app: web}"),
            Clusters.pod("shop", "api", "node-2", "{app: api}"),
            backend);
    Trace t =
        PacketTracer.of(state, PolicyEvaluator.of(state))
            .trace(TraceRequest.parse("shop/web", "service:shop/api", "80", null));

    assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    List<Component> components = t.hops().stream().map(Hop::component).toList();
    assertThat(components.indexOf(Component.SERVICE_LB))
        .isLessThan(components.indexOf(Component.POD_INTERFACE));
    assertThat(t.hops()).anyMatch(h -> h.device().equals("socket"));
    assertThat(t.hops())
        .noneMatch(h -> h.verify().stream().anyMatch(v -> v.startsWith("iptables -t nat")));
    assertThat(t.datapath()).contains("Cilium eBPF, VXLAN tunnel, eBPF kube-proxy replacement");
  }
}
