package io.hopscope.connectivity;

import static io.hopscope.fixtures.Fixtures.namespace;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.policy.PolicyFixtures.node;
import static io.hopscope.policy.PolicyFixtures.state;
import static io.hopscope.policy.PolicyFixtures.withNodes;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.connectivity.ConnectivityPeer.Workload;
import io.hopscope.policy.ConnectionSet;
import io.hopscope.policy.PolicyEndpoint.PodPeer;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ingress from a pod's own node is always allowed, in the all-pairs analysis too: a workload of
 * hostNetwork pods reaches an isolated workload only when every pair shares a node.
 */
class OwnNodeConnectivityTest {

  /**
   * app (deny-all ingress): web (ReplicaSet, node-1 and node-2), solo-1 on node-1, solo-2 on
   * node-2. kube-system, hostNetwork: agent (DaemonSet, node-1 and node-2), probe on node-1.
   */
  static ClusterState cluster() {
    return withNodes(
        state(
            List.of(namespace("app", Map.of()), namespace("kube-system", Map.of())),
            List.of(
                pod("app", "web-a", "ReplicaSet", "web-abc", "node-1", "10.244.0.5", false),
                pod("app", "web-b", "ReplicaSet", "web-abc", "node-2", "10.244.1.5", false),
                pod("app", "solo-1", "Pod", "solo-1", "node-1", "10.244.0.6", false),
                pod("app", "solo-2", "Pod", "solo-2", "node-2", "10.244.1.6", false),
                pod("kube-system", "agent-a", "DaemonSet", "agent", "node-1", "10.0.0.1", true),
                pod("kube-system", "agent-b", "DaemonSet", "agent", "node-2", "10.0.0.2", true),
                pod("kube-system", "probe", "Pod", "probe", "node-1", "10.0.0.1", true)),
            List.of(ingressPolicy("app", "deny-all", all()))),
        node("node-1", "10.0.0.1"),
        node("node-2", "10.0.0.2"));
  }

  static Pod pod(
      String ns,
      String name,
      String ownerKind,
      String owner,
      String node,
      String ip,
      boolean hostNetwork) {
    return new Pod(
        ns,
        name,
        "uid-" + name,
        Map.of("app", owner),
        Map.of(),
        new Owner(ownerKind, owner),
        node,
        List.of(ip),
        hostNetwork,
        List.of(new Container("main", "image", List.of(), false)),
        List.of(),
        "ClusterFirst",
        "Running",
        true);
  }

  static ConnectionSet between(Connectivity c, String from, String to) {
    List<String> labels = c.workloads().stream().map(Workload::label).toList();
    assertThat(labels).contains(from, to);
    return c.between(labels.indexOf(from), labels.indexOf(to));
  }

  @Test
  @DisplayName("a hostNetwork pod reaches an isolated pod on its node, not one on another node")
  void hostNetworkWorkloads() {
    Connectivity c = ConnectivityAnalyzer.analyze(PolicyEvaluator.of(cluster()), Semantics.DEFAULT);
    assertThat(between(c, "kube-system/probe[Pod]", "app/solo-1[Pod]").isAll()).isTrue();
    assertThat(between(c, "kube-system/probe[Pod]", "app/solo-2[Pod]").isEmpty()).isTrue();
    // every pod of the one to every pod of the other: some pairs cross nodes
    assertThat(between(c, "kube-system/probe[Pod]", "app/web-abc[ReplicaSet]").isEmpty()).isTrue();
    assertThat(between(c, "kube-system/agent[DaemonSet]", "app/solo-1[Pod]").isEmpty()).isTrue();
    // pods are still isolated from each other
    assertThat(between(c, "app/solo-1[Pod]", "app/web-abc[ReplicaSet]").isEmpty()).isTrue();
  }

  @Test
  @DisplayName("the grouped analysis agrees with the evaluator on every pair of pods")
  void agreesWithEvaluator() {
    ClusterState state = cluster();
    PolicyEvaluator evaluator = PolicyEvaluator.of(state);
    for (Semantics semantics : List.of(Semantics.DEFAULT, Semantics.NETPOL_ANALYZER)) {
      Connectivity c = ConnectivityAnalyzer.analyze(evaluator, semantics);
      List<Workload> workloads = c.workloads();
      for (int i = 0; i < workloads.size(); i++) {
        for (int j = 0; j < workloads.size(); j++) {
          if (i == j) {
            continue;
          }
          ConnectionSet expected = ConnectionSet.ALL;
          for (Pod from : podsOf(state, workloads.get(i))) {
            for (Pod to : podsOf(state, workloads.get(j))) {
              expected =
                  expected.intersect(
                      evaluator.allowedConnections(new PodPeer(from), new PodPeer(to), semantics));
            }
          }
          assertThat(c.between(i, j))
              .as("%s => %s with %s", workloads.get(i), workloads.get(j), semantics)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  @DisplayName("with hostNetworkPodsAsPods (netpol-analyzer's view) there is no exemption")
  void netpolAnalyzerView() {
    Connectivity c =
        ConnectivityAnalyzer.analyze(PolicyEvaluator.of(cluster()), Semantics.NETPOL_ANALYZER);
    assertThat(between(c, "kube-system/probe[Pod]", "app/solo-1[Pod]").isEmpty()).isTrue();
  }

  static List<Pod> podsOf(ClusterState state, Workload workload) {
    return state.pods().stream()
        .filter(p -> ConnectivityAnalyzer.workloadOf(p).equals(workload))
        .toList();
  }
}
