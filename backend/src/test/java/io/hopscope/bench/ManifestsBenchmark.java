package io.hopscope.bench;

import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Harness (not a test): how long the manifests source takes to parse a kubectl-style dump and to
 * assemble the state, for clusters of growing size. Run with {@code mvn -q -pl backend -am
 * test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hopscope.bench.ManifestsBenchmark [-Dexec.args="1000 5000"]}.
 */
public final class ManifestsBenchmark {

  private static final int RUNS = 5;
  private static final int NODES_PER_100_PODS = 1;

  private ManifestsBenchmark() {}

  public static void main(String[] args) {
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 5_000, 10_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    // CPU time of this thread as well as wall time: the shared machine's load makes wall time
    // noisy.
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.printf(
        "%8s %8s %10s %12s %12s %12s %14s %10s %10s%n",
        "pods",
        "nodes",
        "yaml MiB",
        "parse ms",
        "parse cpu ms",
        "assemble ms",
        "assemble cpu ms",
        "ifaces",
        "links");
    for (int pods : sizes) {
      String yaml = dump(pods);
      ManifestParser parser = new ManifestParser();
      long[] parse = new long[RUNS];
      long[] assemble = new long[RUNS];
      long[] parseCpu = new long[RUNS];
      long[] assembleCpu = new long[RUNS];
      ClusterState state = null;
      for (int run = 0; run < RUNS; run++) {
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ParsedManifests parsed = parser.parse("bench.yaml", yaml);
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        state =
            ClusterAssembler.assemble(
                parsed.objects(),
                new SourceInfo("manifests", "bench", "", Instant.EPOCH, List.of(), Map.of()));
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        parse[run] = t1 - t0;
        assemble[run] = t2 - t1;
        parseCpu[run] = c1 - c0;
        assembleCpu[run] = c2 - c1;
      }
      System.out.printf(
          "%8d %8d %10.1f %12.0f %12.0f %12.0f %14.0f %10d %10d%n",
          state.pods().size(),
          state.nodes().size(),
          yaml.length() / 1024.0 / 1024.0,
          median(parse) / 1e6,
          median(parseCpu) / 1e6,
          median(assemble) / 1e6,
          median(assembleCpu) / 1e6,
          state.interfaces().size(),
          state.links().size());
    }
  }

  /** A Flannel VXLAN cluster: nodes, namespaces of 100 pods, a Service and a policy per 10 pods. */
  static String dump(int pods) {
    int nodes = Math.max(3, pods * NODES_PER_100_PODS / 100);
    StringBuilder out = new StringBuilder();
    out.append(
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
        data:
          net-conf.json: '{"Network": "10.0.0.0/8", "Backend": {"Type": "vxlan"}}'
        """);
    for (int n = 0; n < nodes; n++) {
      out.append("---\napiVersion: v1\nkind: Node\nmetadata: {name: node-")
          .append(n)
          .append("}\nspec: {podCIDR: 10.")
          .append(n / 256)
          .append('.')
          .append(n % 256)
          .append(".0/24}\nstatus:\n  addresses: [{type: InternalIP, address: 172.16.")
          .append(n / 256)
          .append('.')
          .append(n % 256 + 1)
          .append("}]\n");
    }
    for (int p = 0; p < pods; p++) {
      String ns = "ns-" + p / 100;
      String app = "app-" + p / 10;
      out.append("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-")
          .append(p)
          .append("\n  namespace: ")
          .append(ns)
          .append("\n  labels: {app: ")
          .append(app)
          .append(", tier: t")
          .append(p % 5)
          .append("}\nspec:\n  nodeName: node-")
          .append(p % nodes)
          .append(
              "\n  containers:\n  - name: main\n    image: example/app:1\n    ports: [{name: http, containerPort: 8080}]\n");
      if (p % 10 == 0) {
        out.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: ")
            .append(app)
            .append(", namespace: ")
            .append(ns)
            .append("}\nspec:\n  selector: {app: ")
            .append(app)
            .append("}\n  ports: [{port: 80, targetPort: http}]\n");
        out.append(
                "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-")
            .append(app)
            .append(", namespace: ")
            .append(ns)
            .append("}\nspec:\n  podSelector: {matchLabels: {app: ")
            .append(app)
            .append(
                "}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {tier: t1}}}]\n    ports: [{port: http}]\n");
      }
    }
    return out.toString();
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
