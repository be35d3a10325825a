package io.hopscope.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.hopscope.source.kubernetes.StrippingItemStore;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.source.translate.TranslationMemo;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long the live source takes from a burst of pod changes to the next {@link ClusterState}: the
 * informer cache (stripped objects) of a generated Flannel cluster ({@link #cluster}) gets 30
 * relabelled pods, then the state is rebuilt, as the live source does after each coalescing window.
 * Compares the live source's assembly (a {@link TranslationMemo} reuses the translation of objects
 * that did not change) with a translation of every object. Warm: 5 bursts first, then the median
 * and the worst of 20.
 *
 * <pre>
 * scripts/bench LiveRebuildBenchmark 1000 10000 100000
 * </pre>
 */
public final class LiveRebuildBenchmark {

  private static final int WARMUP = 5;
  private static final int RUNS = 20;
  private static final int BURST = 30;
  private static final int PODS_PER_NODE = 110;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LiveRebuildBenchmark() {}

  public static void main(String[] args) {
    List<Integer> sizes =
        args.length == 0
            ? List.of(1_000, 10_000, 100_000)
            : Arrays.stream(args).map(Integer::parseInt).toList();
    System.out.printf(
        "%8s %-12s %12s %12s %12s%n", "pods", "assembly", "median ms", "max ms", "median cpu ms");
    for (int pods : sizes) {
      StrippingItemStore<HasMetadata> store = new StrippingItemStore<>();
      cluster(pods).forEach(o -> store.put(store.getKey(o), o));
      SourceInfo source =
          new SourceInfo("kubernetes", "bench", "", Instant.now(), List.of(), Map.of());
      TranslationMemo memo = new TranslationMemo();
      measure(pods, "memo", store, objects -> ClusterAssembler.assemble(objects, source, memo));
      measure(pods, "full", store, objects -> ClusterAssembler.assemble(objects, source));
    }
  }

  private static void measure(
      int pods,
      String name,
      StrippingItemStore<HasMetadata> store,
      java.util.function.Function<List<HasMetadata>, ClusterState> assemble) {
    long[] wall = new long[RUNS];
    long[] cpu = new long[RUNS];
    int round = 0;
    for (int run = -WARMUP; run < RUNS; run++) {
      relabel(store, pods, round++);
      long t0 = System.nanoTime();
      long c0 = THREADS.getCurrentThreadCpuTime();
      ClusterState state = assemble.apply(store.values().toList());
      if (run >= 0) {
        wall[run] = System.nanoTime() - t0;
        cpu[run] = THREADS.getCurrentThreadCpuTime() - c0;
      }
      if (state.pods().size() != pods) {
        throw new IllegalStateException("expected " + pods + " pods, got " + state.pods().size());
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(
        "%8d %-12s %12.1f %12.1f %12.1f%n",
        pods, name, wall[RUNS / 2] / 1e6, wall[RUNS - 1] / 1e6, cpu[RUNS / 2] / 1e6);
  }

  /**
   * What the informers of a Flannel VXLAN cluster hold: nodes of 110 pods, namespaces of 100 pods,
   * running pods with IPs owned by ReplicaSets, a Service with its EndpointSlice per 10 pods and a
   * NetworkPolicy per 20 pods.
   */
  static List<HasMetadata> cluster(int pods) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("kube-flannel-cfg")
            .withNamespace("kube-flannel")
            .endMetadata()
            .addToData(
                "net-conf.json",
                "{\"Network\": \"10.0.0.0/8\", \"Backend\": {\"Type\": \"vxlan\"}}")
            .build());
    int nodes = Math.max(1, (pods + PODS_PER_NODE - 1) / PODS_PER_NODE);
    for (int n = 0; n < nodes; n++) {
      objects.add(
          new NodeBuilder()
              .withNewMetadata()
              .withName("node-" + n)
              .endMetadata()
              .withNewSpec()
              .withPodCIDR(nodeCidr(n))
              .endSpec()
              .withNewStatus()
              .addNewAddress()
              .withType("InternalIP")
              .withAddress("172.16." + n / 250 + "." + (n % 250 + 1))
              .endAddress()
              .addNewCondition()
              .withType("Ready")
              .withStatus("True")
              .endCondition()
              .endStatus()
              .build());
    }
    for (int p = 0; p < pods; p++) {
      String ns = "ns-" + p / 100;
      String app = "app-" + p / 10;
      int node = p / PODS_PER_NODE;
      String ip = podIp(node, p % PODS_PER_NODE);
      objects.add(
          new PodBuilder()
              .withNewMetadata()
              .withName("pod-" + p)
              .withNamespace(ns)
              .addToLabels("app", app)
              .addToLabels("tier", "t" + p % 5)
              .addNewOwnerReference()
              .withApiVersion("apps/v1")
              .withKind("ReplicaSet")
              .withName(app + "-7d9f8b6c5d")
              .withController(true)
              .endOwnerReference()
              .endMetadata()
              .withNewSpec()
              .withNodeName("node-" + node)
              .addNewContainer()
              .withName("main")
              .withImage("example/app:1")
              .addNewPort()
              .withName("http")
              .withContainerPort(8080)
              .endPort()
              .endContainer()
              .endSpec()
              .withNewStatus()
              .withPhase("Running")
              .withPodIP(ip)
              .addNewPodIP()
              .withIp(ip)
              .endPodIP()
              .addNewCondition()
              .withType("Ready")
              .withStatus("True")
              .endCondition()
              .endStatus()
              .build());
      if (p % 10 == 0) {
        objects.add(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(app)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", app)
                .withClusterIP("10.96." + (p / 10) / 250 + "." + ((p / 10) % 250 + 1))
                .addNewPort()
                .withPort(80)
                .withTargetPort(new IntOrString("http"))
                .endPort()
                .endSpec()
                .build());
        EndpointSliceBuilder slice =
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(app + "-abcde")
                .withNamespace(ns)
                .addToLabels("kubernetes.io/service-name", app)
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withPort(8080)
                .withProtocol("TCP")
                .endPort();
        for (int q = p; q < Math.min(pods, p + 10); q++) {
          slice
              .addNewEndpoint()
              .withAddresses(podIp(q / PODS_PER_NODE, q % PODS_PER_NODE))
              .withNodeName("node-" + q / PODS_PER_NODE)
              .withNewTargetRef()
              .withKind("Pod")
              .withNamespace(ns)
              .withName("pod-" + q)
              .endTargetRef()
              .withNewConditions()
              .withReady(true)
              .endConditions()
              .endEndpoint();
        }
        objects.add(slice.build());
      }
      if (p % 20 == 0) {
        objects.add(
            new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName("allow-" + app)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .addToMatchLabels("app", app)
                .endPodSelector()
                .addNewIngress()
                .addNewFrom()
                .withNewPodSelector()
                .addToMatchLabels("tier", "t1")
                .endPodSelector()
                .endFrom()
                .addNewPort()
                .withPort(new IntOrString("http"))
                .endPort()
                .endIngress()
                .endSpec()
                .build());
      }
    }
    return objects;
  }

  private static String nodeCidr(int node) {
    return "10." + node / 256 + "." + node % 256 + ".0/24";
  }

  private static String podIp(int node, int index) {
    return "10." + node / 256 + "." + node % 256 + "." + (index + 2);
  }

  /** A burst: {@link #BURST} pods get a new label value, as the informer would store them. */
  private static void relabel(StrippingItemStore<HasMetadata> store, int pods, int round) {
    for (int i = 0; i < BURST; i++) {
      int index = (round * BURST + i * 97) % pods;
      String key = "ns-" + index / 100 + "/pod-" + index;
      Pod pod = (Pod) store.get(key);
      store.put(
          key,
          new PodBuilder(pod)
              .editMetadata()
              .addToLabels("round", Integer.toString(round))
              .endMetadata()
              .build());
    }
  }
}
