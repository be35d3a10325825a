package io.hopscope.policy;

import static io.hopscope.fixtures.Fixtures.container;
import static io.hopscope.fixtures.Fixtures.containerPort;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The policy engine's states: the upstream e2e cluster, and pods on node-1 with the defaults the
 * policy tests rely on. Policies themselves come from {@link io.hopscope.fixtures.Policies}.
 */
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
      namespaces.add(Fixtures.namespace(ns, Map.of("ns", ns)));
      for (int p = 0; p < E2E_PODS.size(); p++) {
        String name = E2E_PODS.get(p);
        List<Container> containers = new ArrayList<>();
        for (int port : new int[] {80, 81}) {
          for (Protocol protocol : Protocol.values()) {
            String suffix = port + "-" + protocol.name().toLowerCase();
            containers.add(
                container(
                    "cont-" + suffix, "agnhost", containerPort("serve-" + suffix, port, protocol)));
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
    return Fixtures.cluster().namespaces(namespaces).pods(pods).policies(policies).build();
  }

  /** The state with these nodes added (pods of the fixtures run on {@code node-1}). */
  public static ClusterState withNodes(ClusterState state, Node... nodes) {
    return Fixtures.cluster(state).nodes(List.of(nodes)).build();
  }

  /** A ready node with one internal address. */
  public static Node node(String name, String internalIp) {
    return Fixtures.node(name, internalIp).build();
  }

  /** A pod on node-1; an empty {@code ip} means none. */
  public static Pod pod(
      String ns, String name, Map<String, String> labels, String ip, List<Container> containers) {
    return Fixtures.pod(ns, name)
        .uid("uid-" + ns + "-" + name)
        .labels(labels)
        .node("node-1")
        .ips(ip)
        .containers(containers)
        .build();
  }

  /** A pod on node-1 with one container {@code main} declaring the ports. */
  public static Pod pod(
      String ns, String name, Map<String, String> labels, String ip, ContainerPort... ports) {
    return pod(ns, name, labels, ip, List.of(container("main", "image", ports)));
  }

  public static Pod hostNetworkPod(
      String ns, String name, Map<String, String> labels, String nodeIp) {
    return hostNetworkPod(ns, name, labels, nodeIp, "node-1");
  }

  /** A hostNetwork pod on the given node; {@code nodeIp} is its (the node's) address. */
  public static Pod hostNetworkPod(
      String ns, String name, Map<String, String> labels, String nodeIp, String nodeName) {
    return Fixtures.pod(ns, name)
        .uid("uid-" + name)
        .labels(labels)
        .owner("DaemonSet", name)
        .node(nodeName)
        .ips(nodeIp)
        .hostNetwork()
        .containers(container("main", "image"))
        .build();
  }
}
