package io.hopscope.bench;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark harness (not a test): on generated clusters of 1,000 / 10,000 / 100,000 pods with one
 * policy per 20 pods, measures the verdict latency (median and p99 of single verdicts after a
 * warm-up, explanation included) and the all-pairs workload connectivity time (a fresh evaluator,
 * index build included; wall and CPU time, since the build machines are shared). Run:
 *
 * <pre>
 * mvn -B -o -q -pl backend -am test-compile
 * java -Xmx4g -cp backend/target/test-classes:backend/target/classes io.hopscope.bench.PolicyBenchmark [1000 10000 100000]
 * </pre>
 */
public final class PolicyBenchmark {

  private static final int WARMUP = 200_000;
  private static final int MEASURED = 200_000;
  private static final int[] PORTS = {80, 443, 8000, 8010, 8050, 8090, 9090, 53, 5353};

  private PolicyBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(
        Locale.ROOT,
        "%-8s %-9s %-10s %-11s %-11s %-11s %-10s %-12s %-10s %-9s %-12s%n",
        "pods",
        "policies",
        "index ms",
        "median us",
        "p99 us",
        "allowed %",
        "conn ms",
        "conn cpu ms",
        "workloads",
        "groups",
        "pairs");
    for (int size : sizes) {
      run(size);
    }
  }

  private static void run(int size) {
    ClusterState state = SyntheticClusters.cluster(size);
    long t0 = System.nanoTime();
    PolicyEvaluator evaluator = PolicyEvaluator.of(state);
    double indexMs = (System.nanoTime() - t0) / 1e6;

    List<Pod> pods = state.pods();
    Random random = new Random(7);
    PolicyQuery[] queries = new PolicyQuery[4096];
    for (int i = 0; i < queries.length; i++) {
      PolicyEndpoint from =
          i % 16 == 0
              ? new PolicyEndpoint.IpPeer("203.0.113." + (i % 250))
              : new PolicyEndpoint.PodPeer(pods.get(random.nextInt(pods.size())));
      PolicyEndpoint to = new PolicyEndpoint.PodPeer(pods.get(random.nextInt(pods.size())));
      Protocol protocol = i % 10 == 0 ? Protocol.UDP : Protocol.TCP;
      queries[i] =
          new PolicyQuery(from, to, PORTS[random.nextInt(PORTS.length)], protocol, i % 2 == 0);
    }
    int allowed = 0;
    for (int i = 0; i < WARMUP; i++) {
      allowed += evaluator.evaluate(queries[i % queries.length]).allowed() ? 1 : 0;
    }
    long[] nanos = new long[MEASURED];
    allowed = 0;
    for (int i = 0; i < MEASURED; i++) {
      PolicyQuery query = queries[(i * 31) % queries.length];
      long start = System.nanoTime();
      Verdict verdict = evaluator.evaluate(query);
      nanos[i] = System.nanoTime() - start;
      allowed += verdict.allowed() ? 1 : 0;
    }
    Arrays.sort(nanos);
    double median = nanos[MEASURED / 2] / 1e3;
    double p99 = nanos[(int) (MEASURED * 0.99)] / 1e3;

    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long c0 = System.nanoTime();
    PolicyEvaluator fresh = PolicyEvaluator.of(state);
    Connectivity connectivity = ConnectivityAnalyzer.analyze(fresh, Semantics.DEFAULT);
    long pairs = connectivity.allowedWorkloadPairs();
    double connMs = (System.nanoTime() - c0) / 1e6;
    double connCpuMs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;

    System.out.printf(
        Locale.ROOT,
        "%-8d %-9d %-10.1f %-11.2f %-11.2f %-11.1f %-10.0f %-12.0f %-10d %-9d %-12d%n",
        size,
        state.networkPolicies().size(),
        indexMs,
        median,
        p99,
        100.0 * allowed / MEASURED,
        connMs,
        connCpuMs,
        connectivity.workloads().size(),
        connectivity.workloadGroups(),
        pairs);
  }
}
