package io.hopscope.policy;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
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
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for states and policies made directly from model records, for engine tests. */
public final class PolicyFixtures {

  private PolicyFixtures() {}

  /**
   * The upstream e2e cluster: namespaces x, y, z (label ns=NAME), pods a, b, c (label pod=NAME) in
   * each.
   */
  public static final List<String> E2E_NAMESPACES = List.of("x", "y", "z");

  public static final List<String> E2E_PODS = List.of("a", "b", "c");

  /**
   * The e2e model: every pod serves 80 and 81 on TCP, UDP and SCTP through containers named {@code
   * cont-PORT-PROTO} with ports named {@code serve-PORT-PROTO}; pod x/a is 10.0.1.1, x/b 10.0.1.2,
   * ..., z/c 10.0.3.3.
   */
  public static ClusterState e2eCluster(NetworkPolicy... policies) {
    List<Namespace> namespaces = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (int n = 0; n < E2E_NAMESPACES.size(); n++) {
      String ns = E2E_NAMESPACES.get(n);
      namespaces.add(namespace(ns, Map.of("ns", ns)));
      for (int p = 0; p < E2E_PODS.size(); p++) {
        String name = E2E_PODS.get(p);
        List<Container> containers = new ArrayList<>();
        for (int port : new int[] {80, 81}) {
          for (Protocol protocol : Protocol.values()) {
            String suffix = port + "-" + protocol.name().toLowerCase();
            containers.add(
                new Container(
                    "cont-" + suffix,
                    "agnhost",
                    List.of(new ContainerPort("serve-" + suffix, port, protocol, 0)),
                    false));
          }
        }
        pods.add(pod(ns, name, Map.of("pod", name), "10.0." + (n + 1) + "." + (p + 1), containers));
      }
    }
    return state(namespaces, pods, List.of(policies));
  }

  /** The address of an e2e pod. */
  public static String e2eIp(String namespace, String pod) {
    return "10.0." + (E2E_NAMESPACES.indexOf(namespace) + 1) + "." + (E2E_PODS.indexOf(pod) + 1);
  }

  public static ClusterState state(
      List<Namespace> namespaces, List<Pod> pods, List<NetworkPolicy> policies) {
    return new ClusterState(
        new SourceInfo("test", "fixture", "", Instant.EPOCH, List.of(), Map.of()),
        NetworkProfile.unknown(),
        List.of(),
        namespaces,
        pods,
        List.of(),
        policies,
        List.of(),
        List.of());
  }

  /** The state with these nodes added (pods of the fixtures run on {@code node-1}). */
  public static ClusterState withNodes(ClusterState state, Node... nodes) {
    return new ClusterState(
        state.source(),
        state.network(),
        List.of(nodes),
        state.namespaces(),
        state.pods(),
        state.services(),
        state.networkPolicies(),
        state.interfaces(),
        state.links());
  }

  /** A ready node with one internal address. */
  public static Node node(String name, String internalIp) {
    return new Node(name, internalIp, "", List.of(), "", Map.of(), true);
  }

  public static Namespace namespace(String name, Map<String, String> labels) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(Namespace.NAME_LABEL, name);
    return new Namespace(name, all);
  }

  public static Pod pod(
      String ns, String name, Map<String, String> labels, String ip, List<Container> containers) {
    return new Pod(
        ns,
        name,
        "uid-" + ns + "-" + name,
        labels,
        Map.of(),
        new Owner("Pod", name),
        "node-1",
        ip.isEmpty() ? List.of() : List.of(ip),
        false,
        containers,
        List.of(),
        "ClusterFirst",
        "Running",
        true);
  }

  public static Pod pod(
      String ns, String name, Map<String, String> labels, String ip, ContainerPort... ports) {
    return pod(
        ns, name, labels, ip, List.of(new Container("main", "image", List.of(ports), false)));
  }

  public static Pod hostNetworkPod(
      String ns, String name, Map<String, String> labels, String nodeIp) {
    return hostNetworkPod(ns, name, labels, nodeIp, "node-1");
  }

  /** A hostNetwork pod on the given node; {@code nodeIp} is its (the node's) address. */
  public static Pod hostNetworkPod(
      String ns, String name, Map<String, String> labels, String nodeIp, String nodeName) {
    return new Pod(
        ns,
        name,
        "uid-" + name,
        labels,
        Map.of(),
        new Owner("DaemonSet", name),
        nodeName,
        List.of(nodeIp),
        true,
        List.of(new Container("main", "image", List.of(), false)),
        List.of(),
        "ClusterFirst",
        "Running",
        true);
  }

  public static ContainerPort tcp(String name, int port) {
    return new ContainerPort(name, port, Protocol.TCP, 0);
  }

  public static ContainerPort udp(String name, int port) {
    return new ContainerPort(name, port, Protocol.UDP, 0);
  }

  /** A policy of the given types; use {@link #ingress}/{@link #egress} lists. */
  public static NetworkPolicy policy(
      String ns,
      String name,
      LabelSelector podSelector,
      List<PolicyType> types,
      List<PolicyRule> ingress,
      List<PolicyRule> egress) {
    return new NetworkPolicy(ns, name, podSelector, types, ingress, egress);
  }

  public static NetworkPolicy ingressPolicy(
      String ns, String name, LabelSelector podSelector, PolicyRule... rules) {
    return policy(ns, name, podSelector, List.of(PolicyType.INGRESS), List.of(rules), List.of());
  }

  public static NetworkPolicy egressPolicy(
      String ns, String name, LabelSelector podSelector, PolicyRule... rules) {
    return policy(ns, name, podSelector, List.of(PolicyType.EGRESS), List.of(), List.of(rules));
  }

  public static LabelSelector all() {
    return LabelSelector.everything();
  }

  public static LabelSelector labels(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return LabelSelector.ofLabels(map);
  }

  public static LabelSelector expression(
      String key, LabelRequirement.Operator operator, String... values) {
    return new LabelSelector(
        Map.of(), List.of(new LabelRequirement(key, operator, Arrays.asList(values))));
  }

  public static PolicyRule rule(List<PolicyPeer> peers, PolicyPort... ports) {
    return new PolicyRule(peers, List.of(ports));
  }

  /** A rule with no peers: every peer. */
  public static PolicyRule anyPeer(PolicyPort... ports) {
    return new PolicyRule(List.of(), List.of(ports));
  }

  public static List<PolicyPeer> peers(PolicyPeer... peers) {
    return List.of(peers);
  }

  public static PolicyPeer podPeer(LabelSelector podSelector) {
    return new PolicyPeer(podSelector, null, null);
  }

  public static PolicyPeer namespacePeer(LabelSelector namespaceSelector) {
    return new PolicyPeer(null, namespaceSelector, null);
  }

  public static PolicyPeer bothPeer(LabelSelector podSelector, LabelSelector namespaceSelector) {
    return new PolicyPeer(podSelector, namespaceSelector, null);
  }

  public static PolicyPeer ipBlock(String cidr, String... except) {
    return new PolicyPeer(null, null, new IpBlock(cidr, List.of(except)));
  }

  public static PolicyPort port(Protocol protocol, int port) {
    return new PolicyPort(protocol, PortRef.of(port), 0);
  }

  public static PolicyPort portRange(Protocol protocol, int port, int endPort) {
    return new PolicyPort(protocol, PortRef.of(port), endPort);
  }

  public static PolicyPort namedPort(Protocol protocol, String name) {
    return new PolicyPort(protocol, PortRef.named(name), 0);
  }

  /** Every port of a protocol. */
  public static PolicyPort protocolOnly(Protocol protocol) {
    return new PolicyPort(protocol, null, 0);
  }
}
