package io.hopscope.snapshot;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterState;
import org.springframework.stereotype.Component;

/**
 * Diffs two states including their connectivity between workloads (by the policy developer's
 * {@link ConnectivityAnalyzer}, compared group by group: see {@link ConnectivityDiff}).
 */
@Component
public class SnapshotDiffs {

  public SnapshotDiff between(ClusterState before, ClusterState after) {
    Connectivity was = ConnectivityAnalyzer.analyze(PolicyEvaluator.of(before), false);
    Connectivity now = ConnectivityAnalyzer.analyze(PolicyEvaluator.of(after), false);
    return SnapshotDiff.between(before, after, ConnectivityDiff.between(was, now));
  }
}
