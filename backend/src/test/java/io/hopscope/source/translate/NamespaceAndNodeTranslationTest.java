package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.Node;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NamespaceAndNodeTranslationTest {

  @Test
  @DisplayName(
      "A missing namespace means default; referenced namespaces are created; all carry kubernetes.io/metadata.name")
  void namespaces() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop, labels: {team: retail}}
        """,
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: loose}
        """,
            Clusters.pod("payments", "ledger", "", "{app: ledger}"));
    assertThat(Clusters.pod(state, "default", "loose")).isNotNull();
    assertThat(state.namespaces())
        .containsExactly(
            new Namespace("default", Map.of(Namespace.NAME_LABEL, "default")),
            new Namespace("payments", Map.of(Namespace.NAME_LABEL, "payments")),
            new Namespace("shop", Map.of("team", "retail", Namespace.NAME_LABEL, "shop")));
  }

  @Test
  @DisplayName("Nodes keep internal and external IPs, pod CIDRs, zone, labels and readiness")
  void nodes() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels: {topology.kubernetes.io/zone: eu-1a, kubernetes.io/hostname: worker-1}
        spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24, "fd00:1::/64"]}
        status:
          addresses: [{type: InternalIP, address: 192.168.56.11}, {type: ExternalIP, address: 203.0.113.5}]
          conditions: [{type: MemoryPressure, status: "False"}, {type: Ready, status: "False"}]
          images: [{names: [nginx], sizeBytes: 1}]
        """);
    assertThat(state.nodes())
        .containsExactly(
            new Node(
                "worker-1",
                "192.168.56.11",
                "203.0.113.5",
                List.of("10.244.1.0/24", "fd00:1::/64"),
                "eu-1a",
                Map.of(
                    "topology.kubernetes.io/zone", "eu-1a", "kubernetes.io/hostname", "worker-1"),
                false));
  }

  @Test
  @DisplayName(
      "Nodes that pods name but the input lacks are created with an assumed address, and a warning says so")
  void referencedNodes() {
    ClusterState state = assemble(Clusters.pod("shop", "web", "ghost-node", "{app: web}"));
    assertThat(state.nodes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.name()).isEqualTo("ghost-node");
              assertThat(n.internalIp()).isEqualTo("172.18.0.2");
            });
    assertThat(state.source().warnings())
        .anyMatch(w -> w.contains("ghost-node") && w.contains("172.18.0.2"));
  }

  @Test
  @DisplayName("The same objects in any order give the same state, sorted by namespace and name")
  void deterministicOrder() {
    List<String> docs =
        new java.util.ArrayList<>(
            List.of(
                Clusters.node("b", "192.168.1.2", "10.244.2.0/24"),
                    Clusters.node("a", "192.168.1.1", "10.244.1.0/24"),
                Clusters.pod("shop", "z", "a", "{app: z}"),
                    Clusters.pod("shop", "y", "b", "{app: y}"),
                Clusters.pod("auth", "x", "a", "{app: x}"), Clusters.flannel("vxlan")));
    ClusterState first = assemble(docs.toArray(String[]::new));
    Collections.reverse(docs);
    ClusterState second = assemble(docs.toArray(String[]::new));
    assertThat(second.nodes()).isEqualTo(first.nodes());
    assertThat(second.pods()).isEqualTo(first.pods());
    assertThat(second.interfaces()).isEqualTo(first.interfaces());
    assertThat(second.links()).isEqualTo(first.links());
    assertThat(Clusters.podNames(first)).containsExactly("auth/x", "shop/y", "shop/z");
    assertThat(first.nodes()).extracting(Node::name).containsExactly("a", "b");
  }
}
