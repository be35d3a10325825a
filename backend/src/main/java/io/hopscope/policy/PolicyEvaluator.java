package io.hopscope.policy;

import io.hopscope.topology.ClusterState;

/**
 * Judges connections against the NetworkPolicies of one {@link ClusterState}. Build once per
 * state (indexes are computed here), then query many times; thread-safe.
 */
public final class PolicyEvaluator {

  private final ClusterState state;

  private PolicyEvaluator(ClusterState state) {
    this.state = state;
  }

  public static PolicyEvaluator of(ClusterState state) {
    return new PolicyEvaluator(state);
  }

  public ClusterState state() {
    return state;
  }

  public Verdict evaluate(PolicyQuery query) {
    throw new UnsupportedOperationException("policy engine not implemented yet");
  }
}
