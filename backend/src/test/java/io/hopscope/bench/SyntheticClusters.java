package io.hopscope.bench;

import static io.hopscope.fixtures.Fixtures.container;
import static io.hopscope.fixtures.Fixtures.servicePort;
import static io.hopscope.fixtures.Fixtures.tcp;
import static io.hopscope.fixtures.Fixtures.udp;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.expression;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.portRange;
import static io.hopscope.fixtures.Policies.protocolOnly;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates realistic, deterministic clusters of any size for benchmarks: namespaces of 100 pods,
 * Deployments of 5 replicas (ReplicaSet owners), 110 pods per node with per-node /24 pod CIDRs, one
 * ClusterIP Service per workload with endpoints, and one NetworkPolicy per 20 pods (a mix of
 * default-deny, same-namespace allow by label, cross-namespace allow with namespaceSelector AND
 * podSelector, named ports, port ranges, ipBlocks with except, and egress with a DNS exception).
 * Reusable by every engine's benchmark.
 */
public final class SyntheticClusters {

  /** Pods per namespace. */
  public static final int PODS_PER_NAMESPACE = 100;

  /** Replicas per Deployment. */
  public static final int REPLICAS = 5;

  /** Pods per node (the kubelet default maximum). */
  public static final int PODS_PER_NODE = 110;

  /** One policy per this many pods. */
  public static final int PODS_PER_POLICY = 20;

  private static final String[] TIERS = {"frontend", "backend", "db", "cache", "worker"};
  private static final String[] TEAMS = {"red", "green", "blue", "gold"};

  private SyntheticClusters() {}

  /** A cluster of {@code pods} pods, generated with the default seed 42. */
  public static ClusterState cluster(int pods) {
    return cluster(pods, 42L);
  }

  /** A cluster of {@code pods} pods; the same seed always gives the same cluster. */
  public static ClusterState cluster(int pods, long seed) {
    Random random = new Random(seed);
    int namespaceCount = Math.max(1, (pods + PODS_PER_NAMESPACE - 1) / PODS_PER_NAMESPACE);
    int nodeCount = Math.max(1, (pods + PODS_PER_NODE - 1) / PODS_PER_NODE);

    List<Node> nodes = new ArrayList<>();
    for (int n = 0; n < nodeCount; n++) {
      nodes.add(
          Fixtures.node("node-" + n, IpAddresses.longToV4(0xC0A80000L + 10 + n))
              .podCidrs(nodeCidr(n))
              .zone("zone-" + (n % 3))
              .labels(Map.of("kubernetes.io/hostname", "node-" + n))
              .build());
    }
    List<Namespace> namespaces = new ArrayList<>();
    for (int i = 0; i < namespaceCount; i++) {
      namespaces.add(
          Fixtures.namespace(
              namespaceName(i),
              Map.of("team", TEAMS[i % TEAMS.length], "env", i % 2 == 0 ? "prod" : "dev")));
    }

    List<Pod> podList = new ArrayList<>(pods);
    List<Service> services = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    int[] usedOnNode = new int[nodeCount];
    for (int p = 0; p < pods; p++) {
      int nsIndex = p / PODS_PER_NAMESPACE;
      int inNamespace = p % PODS_PER_NAMESPACE;
      int workload = inNamespace / REPLICAS;
      String ns = namespaceName(nsIndex);
      String tier = TIERS[workload % TIERS.length];
      String app = "app-" + workload;
      int node = p / PODS_PER_NODE;
      String ip = IpAddresses.longToV4(0x0AF40000L + ((long) node << 8) + 2 + usedOnNode[node]++);
      int port = 8000 + (workload % 10) * 10;
      String replicaSet = app + "-" + Integer.toHexString(0x5f00 + workload);
      Pod pod =
          Fixtures.pod(ns, replicaSet + "-" + (inNamespace % REPLICAS))
              .uid("uid-" + p)
              .labels(Map.of("app", app, "tier", tier, "version", "v" + (1 + random.nextInt(2))))
              .owner("ReplicaSet", replicaSet)
              .node("node-" + node)
              .ips(ip)
              .containers(
                  container(
                      "main",
                      "registry.example/" + app + ":1",
                      tcp("http", port),
                      tcp("metrics", 9090),
                      udp("dns", 5353)))
              .build();
      podList.add(pod);
      endpoints.add(
          new Endpoint(
              ip, pod.ref(), pod.nodeName(), true, true, false, "", List.of(tcp("http", port))));
      if (inNamespace % REPLICAS == REPLICAS - 1 || p == pods - 1) {
        services.add(
            Fixtures.service(ns, app)
                .clusterIp(IpAddresses.longToV4(0x0A600000L + services.size() + 10))
                .ports(servicePort("http", 80, PortRef.named("http"), 0, TCP))
                .selector(Map.of("app", app))
                .endpoints(endpoints)
                .build());
        endpoints = new ArrayList<>();
      }
    }

    List<NetworkPolicy> policies = new ArrayList<>();
    int policyCount = Math.max(1, pods / PODS_PER_POLICY);
    for (int i = 0; i < policyCount; i++) {
      int nsIndex = i % namespaceCount;
      policies.add(policy(i, namespaceName(nsIndex), namespaceCount, random));
    }

    return Fixtures.cluster()
        .source("synthetic", "synthetic-" + pods, Instant.EPOCH)
        .network(Fixtures.network().podCidrs("10.244.0.0/14").detectedFrom("synthetic").build())
        .nodes(nodes)
        .namespaces(namespaces)
        .pods(podList)
        .services(services)
        .policies(policies)
        .build();
  }

  /** The namespace named for an index, {@code ns-0007}. */
  public static String namespaceName(int index) {
    String digits = Integer.toString(index);
    return "ns-" + "0000".substring(Math.min(4, digits.length())) + digits;
  }

  private static String nodeCidr(int node) {
    return IpAddresses.longToV4(0x0AF40000L + ((long) node << 8)) + "/24";
  }

  private static NetworkPolicy policy(int i, String ns, int namespaceCount, Random random) {
    String tier = TIERS[i % TIERS.length];
    LabelSelector byTier = labels("tier", tier);
    String other = namespaceName(random.nextInt(namespaceCount));
    return switch (i % 6) {
      case 0 -> ingressPolicy(ns, "default-deny-" + i, all());
      case 1 ->
          ingressPolicy(
              ns,
              "allow-frontend-" + i,
              byTier,
              rule(peers(podPeer(labels("tier", "frontend"))), namedPort(TCP, "http")));
      case 2 ->
          ingressPolicy(
              ns,
              "allow-team-" + i,
              byTier,
              rule(
                  peers(
                      bothPeer(
                          expression("tier", LabelRequirement.Operator.IN, "backend", "worker"),
                          labels("team", TEAMS[random.nextInt(TEAMS.length)]))),
                  portRange(TCP, 8000, 8099)));
      case 3 ->
          ingressPolicy(
              ns,
              "allow-ns-" + i,
              labels("app", "app-" + random.nextInt(20)),
              rule(peers(namespacePeer(labels(Namespace.NAME_LABEL, other)))),
              anyPeer(namedPort(TCP, "metrics")));
      case 4 ->
          ingressPolicy(
              ns,
              "allow-external-" + i,
              byTier,
              rule(peers(ipBlock("0.0.0.0/0", "10.0.0.0/8", "192.168.0.0/16")), port(TCP, 443)));
      default ->
          egressPolicy(
              ns,
              "restrict-egress-" + i,
              byTier,
              rule(
                  peers(namespacePeer(labels(Namespace.NAME_LABEL, "kube-system"))),
                  port(UDP, 53),
                  port(TCP, 53)),
              rule(peers(podPeer(all()))),
              rule(peers(ipBlock("10.244.0.0/14")), protocolOnly(TCP)));
    };
  }
}
