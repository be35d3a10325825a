package io.hopscope.snapshot;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterState;
import org.springframework.stereotype.Component;

/**
 * Diffs two states including their connectivity between workloads (the policy developer's {@link
 * ConnectivityAnalyzer}, ipBlocks not matching pod IPs, compared group by group: see {@link
 * ConnectivityDiff}).
 */
@Component
public class SnapshotDiffs {

  /** The semantics connectivity is compared under. */
  public static final Semantics SEMANTICS = new Semantics(false, false);

  public SnapshotDiff between(ClusterState before, ClusterState after) {
    return between(
        before,
        after,
        ConnectivityAnalyzer.analyze(PolicyEvaluator.of(before), SEMANTICS),
        ConnectivityAnalyzer.analyze(PolicyEvaluator.of(after), SEMANTICS));
  }

  /** The same with the connectivity of each state already analyzed under {@link #SEMANTICS}. */
  public SnapshotDiff between(
      ClusterState before, ClusterState after, Connectivity was, Connectivity now) {
    return SnapshotDiff.between(before, after, ConnectivityDiff.between(was, now));
  }
}
