package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static io.hopscope.source.translate.Clusters.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Node;
import io.hopscope.topology.Provenance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NodePlacementTest {

  /** A running pod; {@code nodeName} and {@code hostIp} may be empty. */
  private static String runningPod(String name, String nodeName, String hostIp) {
    return """
        apiVersion: v1
        kind: Pod
        metadata: {name: %s, namespace: shop, labels: {app: %s}}
        spec: {%s containers: [{name: main, image: example/app:1}]}
        status: {phase: Running%s}
        """
        .formatted(
            name,
            name,
            nodeName.isEmpty() ? "" : "nodeName: " + nodeName + ",",
            hostIp.isEmpty() ? "" : ", hostIP: '" + hostIp + "'");
  }

  private static String deployment(String name) {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: %s, namespace: shop}
        spec:
          template:
            metadata: {labels: {app: %s}}
            spec: {containers: [{name: main, image: example/%s:1}]}
        """
        .formatted(name, name, name);
  }

  private static Node node(ClusterState state, String name) {
    return state.nodes().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name + " in " + state.nodes()));
  }

  @Test
  @DisplayName(
      "Nodes named by pods but missing are synthesized, assumed, with the pods' hostIP as address")
  void nodesFromSpecNodeNameAndHostIp() {
    ClusterState state =
        assemble(
            runningPod("web", "worker-1", "10.0.0.11"),
            runningPod("api", "worker-1", ""),
            runningPod("db", "worker-2", ""));
    assertThat(state.nodes()).extracting(Node::name).containsExactly("worker-1", "worker-2");
    assertThat(node(state, "worker-1").internalIp()).isEqualTo("10.0.0.11");
    assertThat(node(state, "worker-2").internalIp()).isEqualTo("172.18.0.2");
    assertThat(state.nodes()).allMatch(Node::assumed);
    assertThat(pod(state, "shop", "api").nodeName()).isEqualTo("worker-1");
    assertThat(state.source().warnings())
        .contains(
            "2 nodes synthesized from pods' spec.nodeName and status.hostIP (the input has no such"
                + " Node objects): worker-1 (10.0.0.11 from status.hostIP), worker-2 (172.18.0.2,"
                + " assumed)");
    // every device on a guessed node is assumed, not inferred
    assertThat(state.interfaces()).isNotEmpty().allMatch(d -> d.provenance() == Provenance.ASSUMED);
  }

  @Test
  @DisplayName("A pod with only status.hostIP runs on the node with that address, declared or not")
  void placementFromHostIp() {
    ClusterState state =
        assemble(
            Clusters.node("node-a", "192.168.1.11", "10.244.1.0/24"),
            runningPod("on-a", "", "192.168.1.11"),
            runningPod("elsewhere", "", "192.168.1.99"));
    assertThat(pod(state, "shop", "on-a").nodeName()).isEqualTo("node-a");
    assertThat(pod(state, "shop", "elsewhere").nodeName()).isEqualTo("node-192-168-1-99");
    assertThat(node(state, "node-192-168-1-99").internalIp()).isEqualTo("192.168.1.99");
    assertThat(node(state, "node-192-168-1-99").assumed()).isTrue();
    assertThat(node(state, "node-a").assumed()).isFalse();
    assertThat(node(state, "node-a").provenance()).isNull();
  }

  @Test
  @DisplayName(
      "Without Node objects, workloads' and hand-written pods without placement share one stand-in node")
  void standInNode() {
    ClusterState state =
        assemble(
            deployment("frontend"),
            deployment("cartservice"),
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: debug, namespace: shop}
            """,
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: waiting, namespace: shop}
            status: {phase: Pending}
            """);
    assertThat(state.nodes()).extracting(Node::name).containsExactly("unplaced");
    Node standIn = node(state, "unplaced");
    assertThat(standIn.assumed()).isTrue();
    assertThat(standIn.internalIp()).isEqualTo("172.18.0.2");
    assertThat(pod(state, "shop", "frontend").nodeName()).isEqualTo("unplaced");
    assertThat(pod(state, "shop", "cartservice").nodeName()).isEqualTo("unplaced");
    assertThat(pod(state, "shop", "debug").nodeName()).isEqualTo("unplaced");
    // a pod the dump shows Pending is not scheduled, and stays so
    assertThat(pod(state, "shop", "waiting").nodeName()).isEmpty();
    assertThat(state.source().warnings())
        .contains(
            "3 pods without placement (no spec.nodeName, no status.hostIP, and no Node objects to"
                + " spread them over) put on stand-in node 'unplaced' (172.18.0.2, assumed)");
    assertThat(state.interfaces())
        .filteredOn(d -> d instanceof NetInterface.PodInterface)
        .extracting(NetInterface::provenance)
        .containsOnly(Provenance.ASSUMED);
  }

  @Test
  @DisplayName("With Node objects there is no stand-in node and nothing is assumed")
  void declaredNodesAreNotAssumed() {
    ClusterState state =
        assemble(
            Clusters.node("node-a", "192.168.1.11", "10.244.1.0/24"),
            deployment("frontend"),
            runningPod("web", "node-a", ""));
    assertThat(state.nodes()).extracting(Node::name).containsExactly("node-a");
    assertThat(pod(state, "shop", "frontend").nodeName()).isEqualTo("node-a");
    assertThat(state.interfaces()).noneMatch(d -> d.provenance() == Provenance.ASSUMED);
    assertThat(state.source().warnings()).noneMatch(w -> w.contains("synthesized"));
  }

  @Test
  @DisplayName("A malformed status.hostIP is refused with the pod and the field named")
  void malformedHostIp() {
    assertThatThrownBy(() -> assemble(runningPod("web", "", "not-an-ip")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Pod shop/web")
        .hasMessageContaining("status.hostIP");
  }
}
