package io.hopscope.bench;

import io.hopscope.diagram.TopologyDiagram;
import io.hopscope.diagram.TopologyFixtures;
import io.hopscope.topology.ClusterState;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark harness (not a test): renders the dashboard's topology overview for generated clusters
 * of 1,000 / 10,000 / 100,000 pods (110 pods per node, 100 pods per namespace, with bridge, VXLAN
 * tunnel and uplink per node and a full tunnel mesh) and reports the median and worst render time
 * after a warm-up, the level of detail chosen, edges and characters. Run:
 *
 * <pre>
 * mvn -B -o -q -pl backend -am test-compile
 * java -Xmx4g -cp backend/target/test-classes:backend/target/classes io.hopscope.bench.TopologyDiagramBenchmark [1000 10000 100000]
 * </pre>
 */
public final class TopologyDiagramBenchmark {

  private static final int RUNS = 30;

  private TopologyDiagramBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(
        Locale.ROOT,
        "%-8s %-6s %-11s %-10s %-10s %-7s %-7s%n",
        "pods",
        "nodes",
        "detail",
        "median ms",
        "max ms",
        "edges",
        "chars");
    for (int size : sizes) {
      int nodes = Math.max(1, (size + 109) / 110);
      int namespaces = Math.max(1, size / 100);
      ClusterState state = TopologyFixtures.large(nodes, namespaces, size);
      for (int i = 0; i < 5; i++) {
        TopologyDiagram.render(state);
      }
      double[] millis = new double[RUNS];
      TopologyDiagram.Result result = null;
      for (int i = 0; i < RUNS; i++) {
        long t0 = System.nanoTime();
        result = TopologyDiagram.render(state);
        millis[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(millis);
      System.out.printf(
          Locale.ROOT,
          "%-8d %-6d %-11s %-10.2f %-10.2f %-7d %-7d%n",
          size,
          nodes,
          result.detail(),
          millis[RUNS / 2],
          millis[RUNS - 1],
          result.edges(),
          result.mermaid().length());
    }
  }
}
