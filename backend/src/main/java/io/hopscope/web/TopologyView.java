package io.hopscope.web;

import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyFinding;
import io.hopscope.policy.PolicyLint;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Link;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.SourceInfo;
import java.util.List;

/**
 * The JSON shape of a {@link ClusterState} in the REST API ({@code GET /api/v1/topology}, and the
 * snapshot endpoints that return a state): the state's own fields plus a {@code counts} summary.
 * Interfaces and links carry their {@code kind}; interfaces their {@code provenance}. {@code
 * findings} are the NetworkPolicy lint findings ({@link PolicyLint}).
 */
public record TopologyView(
    SourceInfo source,
    NetworkProfile network,
    Counts counts,
    List<Node> nodes,
    List<Namespace> namespaces,
    List<Pod> pods,
    List<Service> services,
    List<NetworkPolicy> networkPolicies,
    List<NetInterface> interfaces,
    List<Link> links,
    List<PolicyFinding> findings) {

  /** How many objects of each kind the state holds. */
  public record Counts(
      int nodes,
      int namespaces,
      int pods,
      int services,
      int networkPolicies,
      int interfaces,
      int links) {

    public static Counts of(ClusterState state) {
      return new Counts(
          state.nodes().size(),
          state.namespaces().size(),
          state.pods().size(),
          state.services().size(),
          state.networkPolicies().size(),
          state.interfaces().size(),
          state.links().size());
    }
  }

  /** The view of an analysed state, with the memoized evaluator's lint findings. */
  static TopologyView of(Analyses.Analysis analysis) {
    return of(analysis.state(), PolicyLint.findings(analysis.policy()));
  }

  public static TopologyView of(ClusterState state) {
    return of(state, PolicyLint.findings(PolicyEvaluator.of(state)));
  }

  /** The view with policy lint findings already computed (e.g. from the memoized evaluator). */
  public static TopologyView of(ClusterState state, List<PolicyFinding> findings) {
    return new TopologyView(
        state.source(),
        state.network(),
        Counts.of(state),
        state.nodes(),
        state.namespaces(),
        state.pods(),
        state.services(),
        state.networkPolicies(),
        state.interfaces(),
        state.links(),
        findings);
  }
}
