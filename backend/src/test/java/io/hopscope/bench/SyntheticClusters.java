package io.hopscope.bench;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.IpBlock;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import io.hopscope.topology.SourceInfo;
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
          new Node(
              "node-" + n,
              IpAddresses.longToV4(0xC0A80000L + 10 + n),
              "",
              List.of(nodeCidr(n)),
              "zone-" + (n % 3),
              Map.of("kubernetes.io/hostname", "node-" + n),
              true));
    }
    List<Namespace> namespaces = new ArrayList<>();
    for (int i = 0; i < namespaceCount; i++) {
      String name = namespaceName(i);
      namespaces.add(
          new Namespace(
              name,
              Map.of(
                  Namespace.NAME_LABEL,
                  name,
                  "team",
                  TEAMS[i % TEAMS.length],
                  "env",
                  i % 2 == 0 ? "prod" : "dev")));
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
      Pod pod =
          new Pod(
              ns,
              app + "-" + Integer.toHexString(0x5f00 + workload) + "-" + (inNamespace % REPLICAS),
              "uid-" + p,
              Map.of("app", app, "tier", tier, "version", "v" + (1 + random.nextInt(2))),
              Map.of(),
              new Owner("ReplicaSet", app + "-" + Integer.toHexString(0x5f00 + workload)),
              "node-" + node,
              List.of(ip),
              false,
              List.of(
                  new Container(
                      "main",
                      "registry.example/" + app + ":1",
                      List.of(
                          new ContainerPort("http", port, Protocol.TCP, 0),
                          new ContainerPort("metrics", 9090, Protocol.TCP, 0),
                          new ContainerPort("dns", 5353, Protocol.UDP, 0)),
                      false)),
              List.of(),
              "ClusterFirst",
              "Running",
              true);
      podList.add(pod);
      endpoints.add(
          new Endpoint(
              ip,
              pod.ref(),
              pod.nodeName(),
              true,
              true,
              false,
              "",
              List.of(new ContainerPort("http", port, Protocol.TCP, 0))));
      if (inNamespace % REPLICAS == REPLICAS - 1 || p == pods - 1) {
        services.add(
            new Service(
                ns,
                app,
                ServiceType.CLUSTER_IP,
                false,
                List.of(IpAddresses.longToV4(0x0A600000L + services.size() + 10)),
                List.of(new ServicePort("http", 80, PortRef.named("http"), 0, Protocol.TCP, "")),
                Map.of("app", app),
                "Cluster",
                "Cluster",
                "None",
                List.of(),
                "",
                endpoints));
        endpoints = new ArrayList<>();
      }
    }

    List<NetworkPolicy> policies = new ArrayList<>();
    int policyCount = Math.max(1, pods / PODS_PER_POLICY);
    for (int i = 0; i < policyCount; i++) {
      int nsIndex = i % namespaceCount;
      policies.add(policy(i, namespaceName(nsIndex), namespaceCount, random));
    }

    NetworkProfile network =
        new NetworkProfile(
            CniPlugin.FLANNEL,
            CniMode.VXLAN,
            false,
            1450,
            List.of("10.244.0.0/14"),
            List.of("10.96.0.0/12"),
            KubeProxyMode.IPTABLES,
            "10.96.0.10",
            "cluster.local",
            List.of("synthetic"));
    SourceInfo source =
        new SourceInfo("synthetic", "synthetic-" + pods, "", Instant.EPOCH, List.of(), Map.of());
    return new ClusterState(
        source, network, nodes, namespaces, podList, services, policies, List.of(), List.of());
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
    LabelSelector byTier = LabelSelector.ofLabels(Map.of("tier", tier));
    String other = namespaceName(random.nextInt(namespaceCount));
    return switch (i % 6) {
      case 0 ->
          new NetworkPolicy(
              ns,
              "default-deny-" + i,
              LabelSelector.everything(),
              List.of(PolicyType.INGRESS),
              List.of(),
              List.of());
      case 1 ->
          new NetworkPolicy(
              ns,
              "allow-frontend-" + i,
              byTier,
              List.of(PolicyType.INGRESS),
              List.of(
                  new PolicyRule(
                      List.of(
                          new PolicyPeer(
                              LabelSelector.ofLabels(Map.of("tier", "frontend")), null, null)),
                      List.of(new PolicyPort(Protocol.TCP, PortRef.named("http"), 0)))),
              List.of());
      case 2 ->
          new NetworkPolicy(
              ns,
              "allow-team-" + i,
              byTier,
              List.of(PolicyType.INGRESS),
              List.of(
                  new PolicyRule(
                      List.of(
                          new PolicyPeer(
                              new LabelSelector(
                                  Map.of(),
                                  List.of(
                                      new LabelRequirement(
                                          "tier",
                                          LabelRequirement.Operator.IN,
                                          List.of("backend", "worker")))),
                              LabelSelector.ofLabels(
                                  Map.of("team", TEAMS[random.nextInt(TEAMS.length)])),
                              null)),
                      List.of(new PolicyPort(Protocol.TCP, PortRef.of(8000), 8099)))),
              List.of());
      case 3 ->
          new NetworkPolicy(
              ns,
              "allow-ns-" + i,
              LabelSelector.ofLabels(Map.of("app", "app-" + random.nextInt(20))),
              List.of(PolicyType.INGRESS),
              List.of(
                  new PolicyRule(
                      List.of(
                          new PolicyPeer(
                              null,
                              LabelSelector.ofLabels(Map.of(Namespace.NAME_LABEL, other)),
                              null)),
                      List.of()),
                  new PolicyRule(
                      List.of(),
                      List.of(new PolicyPort(Protocol.TCP, PortRef.named("metrics"), 0)))),
              List.of());
      case 4 ->
          new NetworkPolicy(
              ns,
              "allow-external-" + i,
              byTier,
              List.of(PolicyType.INGRESS),
              List.of(
                  new PolicyRule(
                      List.of(
                          new PolicyPeer(
                              null,
                              null,
                              new IpBlock("0.0.0.0/0", List.of("10.0.0.0/8", "192.168.0.0/16")))),
                      List.of(new PolicyPort(Protocol.TCP, PortRef.of(443), 0)))),
              List.of());
      default ->
          new NetworkPolicy(
              ns,
              "restrict-egress-" + i,
              byTier,
              List.of(PolicyType.EGRESS),
              List.of(),
              List.of(
                  new PolicyRule(
                      List.of(
                          new PolicyPeer(
                              null,
                              LabelSelector.ofLabels(Map.of(Namespace.NAME_LABEL, "kube-system")),
                              null)),
                      List.of(
                          new PolicyPort(Protocol.UDP, PortRef.of(53), 0),
                          new PolicyPort(Protocol.TCP, PortRef.of(53), 0))),
                  new PolicyRule(
                      List.of(new PolicyPeer(LabelSelector.everything(), null, null)), List.of()),
                  new PolicyRule(
                      List.of(new PolicyPeer(null, null, new IpBlock("10.244.0.0/14", List.of()))),
                      List.of(new PolicyPort(Protocol.TCP, null, 0)))));
    };
  }
}
