package io.hopscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Link;
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Calico's CrossSubnet encapsulation (only between nodes of different subnets) and Canal (Flannel
 * between nodes, Calico's routed veths on them), traced through small hand-written clusters: the
 * manifests are parsed and assembled as an offline dump would be.
 */
class CalicoCrossSubnetTraceTest {

  /** n1 and n2 share 10.0.1.0/24; n3 is in 10.0.2.0/24. */
  private static final List<String> NODES =
      List.of(
          node("n1", "10.0.1.5", "10.0.1.5/24", "192.168.1.0/26"),
          node("n2", "10.0.1.6", "10.0.1.6/24", "192.168.2.0/26"),
          node("n3", "10.0.2.7", "10.0.2.7/24", "192.168.3.0/26"));

  private static final List<String> PODS =
      List.of(
          pod("a", "n1", "192.168.1.10"),
          pod("b", "n2", "192.168.2.10"),
          pod("c", "n3", "192.168.3.10"));

  static String node(String name, String ip, String annotated, String podCidr) {
    String annotation =
        annotated.isEmpty() ? "{}" : "{projectcalico.org/IPv4Address: \"" + annotated + "\"}";
    return """
        apiVersion: v1
        kind: Node
        metadata: {name: %s, annotations: %s}
        spec: {podCIDR: %s}
        status:
          addresses: [{type: InternalIP, address: %s}]
          conditions: [{type: Ready, status: "True"}]
        """
        .formatted(name, annotation, podCidr, ip);
  }

  static String pod(String name, String node, String ip) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: app, labels: {app: %s}}
        spec:
          nodeName: %s
          containers:
          - name: app
            image: example/app:1
            ports: [{containerPort: 8080}]
        status: {phase: Running, podIP: %s, podIPs: [{ip: %s}]}
        """
        .formatted(name, name, node, ip, ip);
  }

  static String calicoNode(String ipip, String vxlan) {
    return """
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
                - {name: CALICO_IPV4POOL_CIDR, value: "192.168.0.0/16"}
                - {name: CALICO_IPV4POOL_IPIP, value: "%s"}
                - {name: CALICO_IPV4POOL_VXLAN, value: "%s"}
        """
        .formatted(ipip, vxlan);
  }

  static ClusterState state(List<String> nodes, String... more) {
    List<String> documents = new ArrayList<>(nodes);
    documents.addAll(PODS);
    documents.addAll(List.of(more));
    ParsedManifests parsed =
        new ManifestParser().parse("cluster.yaml", String.join("\n---\n", documents));
    return ClusterAssembler.assemble(
        parsed.objects(),
        new SourceInfo("manifests", "test", "", Instant.EPOCH, parsed.warnings(), Map.of()));
  }

  static Trace trace(ClusterState state, String from, String to) {
    return PacketTracer.of(state, PolicyEvaluator.of(state))
        .trace(TraceRequest.parse(from, to, "8080", null));
  }

  static List<String> devices(Trace trace) {
    return trace.hops().stream().map(Hop::device).filter(d -> !d.isEmpty()).toList();
  }

  static List<Action> actions(Trace trace) {
    return trace.hops().stream().map(Hop::action).toList();
  }

  static String details(Trace trace) {
    return trace.hops().stream().map(Hop::detail).collect(Collectors.joining("\n"));
  }

  @Nested
  @DisplayName("Calico IPIP CrossSubnet")
  class IpipCrossSubnet {

    private final ClusterState state = state(NODES, calicoNode("CrossSubnet", "Never"));

    @Test
    @DisplayName("the profile keeps IPIP and says CrossSubnet; nodes carry their annotated subnet")
    void profile() {
      assertThat(state.network().crossSubnet()).isTrue();
      assertThat(state.nodes())
          .extracting(n -> n.subnet())
          .containsExactly("10.0.1.5/24", "10.0.1.6/24", "10.0.2.7/24");
      assertThat(PacketTracer.of(state, PolicyEvaluator.of(state)).datapath())
          .startsWith("Calico IPIP CrossSubnet");
    }

    @Test
    @DisplayName("the inferred links: tunl0 peers only across subnets, an eth0 route within one")
    void links() {
      assertThat(state.links())
          .contains(
              new Link.TunnelPeer("node:n1/tunl0", "node:n3/tunl0", "10.0.2.7"),
              new Link.Route("node:n1/eth0", "node:n2/eth0", "192.168.2.0/26", "10.0.1.6"))
          .doesNotContain(new Link.TunnelPeer("node:n1/tunl0", "node:n2/tunl0", "10.0.1.6"));
    }

    @Test
    @DisplayName(
        "same subnet: a native route over eth0, no tunl0, no encapsulation, no MTU finding")
    void sameSubnet() {
      Trace t = trace(state, "app/a", "app/b");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(devices(t)).doesNotContain("tunl0");
      assertThat(actions(t)).doesNotContain(Action.ENCAPSULATED, Action.DECAPSULATED);
      assertThat(details(t))
          .contains("route 192.168.2.0/26 via 10.0.1.6 dev eth0 proto bird")
          .contains("n1 (10.0.1.5/24) and n2 (10.0.1.6/24) share a subnet, so no encapsulation");
      assertThat(t.findings()).noneMatch(f -> f.kind() == Finding.Kind.MTU_EXCEEDS_PATH);
    }

    @Test
    @DisplayName("different subnets: tunl0, IP-in-IP encapsulation and decapsulation")
    void crossSubnet() {
      Trace t = trace(state, "app/a", "app/c");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(devices(t)).contains("tunl0");
      assertThat(actions(t)).contains(Action.ENCAPSULATED, Action.DECAPSULATED);
      assertThat(details(t))
          .contains("route 192.168.3.0/26 via 10.0.2.7 dev tunl0")
          .contains(
              "n1 (10.0.1.5/24) and n3 (10.0.2.7/24) are in different subnets, so encapsulated")
          .doesNotContain("assumed");
    }

    @Test
    @DisplayName("Always still encapsulates between nodes of one subnet")
    void alwaysEncapsulates() {
      ClusterState always = state(NODES, calicoNode("Always", "Never"));
      Trace t = trace(always, "app/a", "app/b");
      assertThat(always.network().crossSubnet()).isFalse();
      assertThat(devices(t)).contains("tunl0");
      assertThat(details(t)).doesNotContain("CrossSubnet");
    }
  }

  @Nested
  @DisplayName("Calico VXLAN CrossSubnet")
  class VxlanCrossSubnet {

    private final ClusterState state = state(NODES, calicoNode("Never", "CrossSubnet"));

    @Test
    @DisplayName("same subnet: routed by Felix over eth0, no vxlan.calico")
    void sameSubnet() {
      Trace t = trace(state, "app/b", "app/a");
      assertThat(devices(t)).doesNotContain("vxlan.calico");
      assertThat(actions(t)).doesNotContain(Action.ENCAPSULATED);
      assertThat(details(t))
          .contains(
              "route 192.168.1.0/26 via 10.0.1.5 dev eth0: a native route programmed by Felix");
    }

    @Test
    @DisplayName("different subnets: vxlan.calico encapsulation")
    void crossSubnet() {
      Trace t = trace(state, "app/c", "app/a");
      assertThat(devices(t)).contains("vxlan.calico");
      assertThat(actions(t)).contains(Action.ENCAPSULATED, Action.DECAPSULATED);
      assertThat(details(t)).contains("are in different subnets, so encapsulated");
    }

    @Test
    @DisplayName("a node without Calico's address annotation: encapsulation assumed, and said")
    void unknownSubnet() {
      ClusterState partly =
          state(
              List.of(node("n1", "10.0.1.5", "", "192.168.1.0/26"), NODES.get(1), NODES.get(2)),
              calicoNode("Never", "CrossSubnet"));
      Trace t = trace(partly, "app/a", "app/b");
      assertThat(devices(t)).contains("vxlan.calico");
      assertThat(details(t))
          .contains("assumed: route 192.168.2.0/26 via the VTEP of n2 dev vxlan.calico")
          .contains("the subnet of n1 is not known")
          .contains("only InternalIP 10.0.1.5");
    }
  }

  @Nested
  @DisplayName("Canal")
  class Canal {

    private static final String CANAL_CONFIG =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: canal-config, namespace: kube-system}
        data:
          veth_mtu: "0"
          net-conf.json: |
            {"Network": "192.168.0.0/16", "Backend": {"Type": "vxlan"}}
        """;

    private final ClusterState state = state(NODES, CANAL_CONFIG);

    @Test
    @DisplayName("pods hang off cali veths; between nodes Flannel's flannel.1 VXLAN; no cni0")
    void acrossNodes() {
      assertThat(state.network().plugin()).isEqualTo(CniPlugin.CANAL);
      Trace t = trace(state, "app/a", "app/b");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(devices(t)).contains("flannel.1").doesNotContain("cni0", "tunl0");
      assertThat(devices(t)).anyMatch(d -> d.startsWith("cali"));
      assertThat(actions(t)).contains(Action.ENCAPSULATED, Action.DECAPSULATED);
      assertThat(PacketTracer.of(state, PolicyEvaluator.of(state)).datapath())
          .startsWith("Canal (Flannel VXLAN datapath, Calico policy)");
    }

    @Test
    @DisplayName("Calico enforces the policy: a denied packet stops at Felix's cali-tw chain")
    void calicoPolicy() {
      ClusterState guarded =
          state(
              NODES,
              CANAL_CONFIG,
              """
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny-b, namespace: app}
              spec:
                podSelector: {matchLabels: {app: b}}
                policyTypes: [Ingress]
              """);
      Trace t = trace(guarded, "app/a", "app/b");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.DENIED);
      List<String> verify = t.hops().stream().flatMap(h -> h.verify().stream()).toList();
      assertThat(verify).anyMatch(v -> v.startsWith("iptables -L cali-tw-cali"));
    }
  }
}
