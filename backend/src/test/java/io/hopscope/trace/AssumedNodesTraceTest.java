package io.hopscope.trace;

import static io.hopscope.trace.TraceFixtures.flannelVxlan;
import static io.hopscope.trace.TraceFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Provenance;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Traces over nodes the input does not have (synthesized from pods' placement, or the stand-in
 * node): they run end to end, and every hop on such a node says it rests on a guess.
 */
class AssumedNodesTraceTest {

  /** The shop fixture with node-2 (api-1, pay-1) a synthesized node. */
  private static ClusterState node2Assumed() {
    ClusterState state = shop(flannelVxlan());
    return new ClusterState(
        state.source(),
        state.network(),
        state.nodes().stream()
            .map(
                n ->
                    n.name().equals("node-2")
                        ? new Node(
                            n.name(),
                            n.internalIp(),
                            "",
                            n.podCidrs(),
                            "",
                            n.labels(),
                            true,
                            Provenance.ASSUMED)
                        : n)
            .toList(),
        state.namespaces(),
        state.pods(),
        state.services(),
        state.networkPolicies(),
        state.interfaces(),
        state.links());
  }

  private static Trace trace(ClusterState state, String from, String to, String port) {
    return PacketTracer.of(state, PolicyEvaluator.of(state))
        .trace(TraceRequest.parse(from, to, port, null));
  }

  @Test
  @DisplayName(
      "From a declared node to a synthesized one: delivered, and exactly the hops on the synthesized node are assumed")
  void onlyHopsOnTheGuessedNodeAreAssumed() {
    ClusterState state = node2Assumed();
    Trace t = trace(state, "shop/web-1", "shop/api-1", "8080");
    Trace declared = trace(shop(flannelVxlan()), "shop/web-1", "shop/api-1", "8080");

    assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    // the same path as with a declared node-2: the guess changes the marks, not the walk
    assertThat(t.hops())
        .extracting(Hop::component, Hop::node, Hop::device)
        .isEqualTo(
            declared.hops().stream()
                .map(h -> org.assertj.core.groups.Tuple.tuple(h.component(), h.node(), h.device()))
                .toList());
    assertThat(t.hops()).anyMatch(h -> h.node().equals("node-2"));
    for (Hop hop : t.hops()) {
      boolean onNode2 = hop.node().equals("node-2");
      assertThat(hop.onAssumedNode())
          .as("hop %d on %s", hop.index(), hop.node())
          .isEqualTo(onNode2);
      if (!hop.device().isEmpty()) {
        assertThat(hop.deviceProvenance())
            .as("device %s on %s", hop.device(), hop.node())
            .isEqualTo(onNode2 ? Provenance.ASSUMED : Provenance.INFERRED);
      }
    }
    assertThat(declared.hops()).noneMatch(Hop::onAssumedNode);
    assertThat(t.findings())
        .filteredOn(f -> f.kind() == Finding.Kind.ASSUMED_PLACEMENT)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
              assertThat(f.message()).contains("no Node object for node-2");
            });
    assertThat(declared.findings()).noneMatch(f -> f.kind() == Finding.Kind.ASSUMED_PLACEMENT);
  }

  @Test
  @DisplayName("A policy verdict is the same on a synthesized node: pay-1 stays denied")
  void verdictsDoNotDependOnTheGuess() {
    Trace t = trace(node2Assumed(), "shop/web-1", "payments/pay-1", "8080");
    Trace declared = trace(shop(flannelVxlan()), "shop/web-1", "payments/pay-1", "8080");
    assertThat(t.verdict()).isEqualTo(declared.verdict()).isEqualTo(TraceVerdict.DENIED);
    assertThat(t.reason()).isEqualTo(declared.reason());
  }
}
