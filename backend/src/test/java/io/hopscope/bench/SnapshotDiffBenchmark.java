package io.hopscope.bench;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.snapshot.SnapshotDiff;
import io.hopscope.snapshot.SnapshotDiffs;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Time of a snapshot diff with connectivity, {@code GET /api/v1/snapshots/{a}/diff/{b}} without the
 * HTTP and the loading: a generated cluster against itself with 5 NetworkPolicies removed and 10
 * pods moved to another tier. Median of 5 after 2 warm-ups.
 *
 * <pre>
 * scripts/bench SnapshotDiffBenchmark 1000 10000 100000
 * </pre>
 */
public final class SnapshotDiffBenchmark {

  private SnapshotDiffBenchmark() {}

  public static void main(String[] args) {
    List<Integer> sizes =
        args.length == 0
            ? List.of(1_000, 10_000, 100_000)
            : Arrays.stream(args).map(Integer::parseInt).toList();
    System.out.printf(
        "%8s %10s %12s %10s %10s %10s %10s%n",
        "pods", "workloads", "median ms", "gained", "lost", "changed", "omitted");
    for (int pods : sizes) {
      ClusterState before = SyntheticClusters.cluster(pods);
      ClusterState after = changed(before);
      SnapshotDiffs diffs = new SnapshotDiffs();
      long[] times = new long[5];
      SnapshotDiff diff = null;
      for (int run = -2; run < times.length; run++) {
        long t0 = System.nanoTime();
        diff = diffs.between(before, after);
        if (run >= 0) {
          times[run] = System.nanoTime() - t0;
        }
      }
      Arrays.sort(times);
      var c = diff.connectivity();
      System.out.printf(
          "%8d %10d %12.0f %10d %10d %10d %10d%n",
          pods,
          pods / SyntheticClusters.REPLICAS,
          times[times.length / 2] / 1e6,
          c.gained().size(),
          c.lost().size(),
          c.changed().size(),
          c.omitted());
    }
  }

  private static ClusterState changed(ClusterState s) {
    List<Pod> pods = new ArrayList<>(s.pods());
    for (int i = 0; i < 10; i++) {
      Pod p = pods.get(i * 37 % pods.size());
      Map<String, String> labels = new HashMap<>(p.labels());
      labels.put("tier", "frontend".equals(labels.get("tier")) ? "backend" : "frontend");
      pods.set(i * 37 % pods.size(), Fixtures.pod(p).labels(labels).build());
    }
    return Fixtures.cluster(s)
        .pods(pods)
        .policies(s.networkPolicies().subList(5, s.networkPolicies().size()))
        .build();
  }
}
