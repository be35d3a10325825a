package io.hopscope.bench;

import io.hopscope.diagram.PolicyDiagram;
import io.hopscope.diagram.TraceDiagram;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.trace.PacketTracer;
import io.hopscope.trace.Trace;
import io.hopscope.trace.TraceRequest;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark harness (not a test): trace latency on a generated cluster (default 100,000 pods,
 * {@link SyntheticClusters}), in process, diagrams included. Builds the tracer once (index, device
 * names, datapath model), warms up, then measures single traces of a mix of targets: pod to pod
 * (same node and across nodes), pod to Service (DNAT, named targetPort), pod to external address,
 * and pod to DNS name. Reports median and p99 of wall time per kind and overall, and of thread CPU
 * time overall (the build machines are shared, so wall-time tails include time spent descheduled).
 * Run:
 *
 * <pre>
 * mvn -B -o -q -pl backend -am test-compile
 * java -Xmx4g -cp backend/target/test-classes:backend/target/classes:$(cat backend/target/cp.txt) io.hopscope.bench.TraceBenchmark [pods]
 * </pre>
 *
 * or {@code mvn -B -o -q -pl backend -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hopscope.bench.TraceBenchmark}.
 */
public final class TraceBenchmark {

  private static final int WARMUP = 30_000;
  private static final int MEASURED = 50_000;

  /** The kinds of traces in the mix. */
  enum Kind {
    POD_SAME_NODE,
    POD_ACROSS_NODES,
    SERVICE,
    EXTERNAL,
    DNS
  }

  private TraceBenchmark() {}

  public static void main(String[] args) {
    int pods = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
    ClusterState state = SyntheticClusters.cluster(pods);
    long t0 = System.nanoTime();
    ClusterIndex index = ClusterIndex.of(state);
    PolicyEvaluator policy = PolicyEvaluator.of(state);
    PacketTracer tracer = PacketTracer.of(index, policy);
    double buildMs = (System.nanoTime() - t0) / 1e6;

    Random random = new Random(11);
    List<Pod> all = state.pods();
    List<Service> services = state.services();
    int n = 8192;
    TraceRequest[] requests = new TraceRequest[n];
    Kind[] kinds = new Kind[n];
    for (int i = 0; i < n; i++) {
      Pod from = all.get(random.nextInt(all.size()));
      Kind kind = Kind.values()[i % Kind.values().length];
      kinds[i] = kind;
      EndpointRef to =
          switch (kind) {
            case POD_SAME_NODE -> {
              List<Pod> local = index.podsOnNode(from.nodeName());
              yield new EndpointRef.PodEndpoint(local.get(random.nextInt(local.size())).ref(), "");
            }
            case POD_ACROSS_NODES ->
                new EndpointRef.PodEndpoint(all.get(random.nextInt(all.size())).ref(), "");
            case SERVICE ->
                new EndpointRef.ServiceEndpoint(
                    services.get(random.nextInt(services.size())).ref());
            case EXTERNAL -> new EndpointRef.IpEndpoint("203.0.113." + (1 + random.nextInt(250)));
            case DNS -> {
              Service s = services.get(random.nextInt(services.size()));
              yield new EndpointRef.DnsEndpoint(s.name() + "." + s.namespace());
            }
          };
      int port =
          kind == Kind.SERVICE || kind == Kind.DNS
              ? 80
              : kind == Kind.EXTERNAL ? 443 : 8000 + 10 * random.nextInt(10);
      requests[i] = new TraceRequest(from.ref(), "", to, port, Protocol.TCP);
    }

    long sink = 0;
    for (int i = 0; i < WARMUP; i++) {
      sink += tracer.trace(requests[i % n]).hops().size();
    }
    java.lang.management.ThreadMXBean cpu =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long[] cpuNanos = new long[MEASURED];
    long[] all1 = new long[MEASURED];
    Map<Kind, long[]> byKind = new EnumMap<>(Kind.class);
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      byKind.put(k, new long[MEASURED]);
      counts.put(k, 0);
    }
    int hops = 0;
    for (int i = 0; i < MEASURED; i++) {
      int r = i % n;
      long cpuStart = cpu.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      // what the API answers: the trace and both diagrams
      Trace trace = tracer.trace(requests[r]);
      int diagramChars =
          TraceDiagram.render(trace).length() + PolicyDiagram.render(trace.policy()).length();
      long took = System.nanoTime() - start;
      cpuNanos[i] = cpu.getCurrentThreadCpuTime() - cpuStart;
      hops += trace.hops().size();
      sink += diagramChars;
      all1[i] = took;
      int c = counts.get(kinds[r]);
      byKind.get(kinds[r])[c] = took;
      counts.put(kinds[r], c + 1);
    }
    System.out.printf(
        Locale.ROOT,
        "cluster: %d pods, %d nodes, %d Services, %d policies; tracer build (index + policy index + datapath) %.0f ms%n",
        all.size(),
        state.nodes().size(),
        services.size(),
        state.networkPolicies().size(),
        buildMs);
    System.out.printf(
        Locale.ROOT,
        "%-20s %8s %12s %12s %12s%n",
        "kind",
        "traces",
        "median us",
        "p99 us",
        "max us");
    for (Kind k : Kind.values()) {
      report(k.name().toLowerCase(Locale.ROOT), Arrays.copyOf(byKind.get(k), counts.get(k)));
    }
    report("all (wall)", all1);
    report("all (thread CPU)", cpuNanos);
    System.out.printf(
        Locale.ROOT, "mean hops per trace %.1f (checksum %d)%n", (double) hops / MEASURED, sink);
  }

  private static void report(String label, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "%-20s %8d %12.1f %12.1f %12.1f%n",
        label,
        sorted.length,
        sorted[sorted.length / 2] / 1e3,
        sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] / 1e3,
        sorted[sorted.length - 1] / 1e3);
  }
}
