package io.hopscope.snapshot;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.connectivity.ConnectivityPeer;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterState;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Diffs two states including their connectivity between workloads (all pairs, by the
 * policy developer's {@link ConnectivityAnalyzer}). Connectivity is compared only for states with
 * at most {@link #MAX_WORKLOADS} workloads: beyond that the lists are too long to read.
 */
@Component
public class SnapshotDiffs {

  public static final int MAX_WORKLOADS = 500;

  public SnapshotDiff between(ClusterState before, ClusterState after) {
    Connectivity was = ConnectivityAnalyzer.analyze(PolicyEvaluator.of(before), false);
    Connectivity now = ConnectivityAnalyzer.analyze(PolicyEvaluator.of(after), false);
    if (was.workloads().size() > MAX_WORKLOADS || now.workloads().size() > MAX_WORKLOADS) {
      return SnapshotDiff.between(before, after, SnapshotDiff.ConnectivityChange.skipped(
          "connectivity is compared for states of at most " + MAX_WORKLOADS + " workloads"));
    }
    return SnapshotDiff.between(before, after, SnapshotDiff.compare(lines(was), lines(now)));
  }

  private static List<SnapshotDiff.Line> lines(Connectivity connectivity) {
    List<SnapshotDiff.Line> lines = new ArrayList<>();
    // workloads only: the IP ranges are split by the ipBlocks of each state, so they rarely line up
    connectivity.forEachConnection(c -> {
      if (c.from() instanceof ConnectivityPeer.Workload && c.to() instanceof ConnectivityPeer.Workload) {
        lines.add(new SnapshotDiff.Line(c.from().label(), c.to().label(), c.connections().toString()));
      }
    });
    return lines;
  }
}
