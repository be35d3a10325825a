package io.hopscope.snapshot;

import io.hopscope.topology.ClusterState;
import org.springframework.stereotype.Component;

/**
 * Diffs two states with their connectivity. Connectivity is all-pairs between workloads, so it is
 * compared only up to {@link #MAX_WORKLOADS} workloads per state.
 */
@Component
public class SnapshotDiffs {

  /** Beyond this many pods, connectivity is not compared (the all-pairs lists get too long to read). */
  public static final int MAX_WORKLOADS = 2_000;

  public SnapshotDiff between(ClusterState before, ClusterState after) {
    return SnapshotDiff.between(before, after,
        SnapshotDiff.ConnectivityChange.skipped("connectivity comparison is not available yet"));
  }
}
