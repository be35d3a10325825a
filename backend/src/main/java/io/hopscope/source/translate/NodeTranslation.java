package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Provenance;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fabric8 nodes to model nodes. A dump of workloads usually has no Node objects, so the nodes its
 * pods name are synthesized ({@link Provenance#ASSUMED}): named after {@code spec.nodeName}, or
 * after the address when a pod has only {@code status.hostIP}, with the pods' {@code status.hostIP}
 * as address where one is given and one from {@value #ASSUMED_NODE_CIDR} otherwise. Pods with no
 * placement at all go to one stand-in node, {@value #STAND_IN_NODE} ({@link #withStandIn}). The
 * warnings say what was synthesized, so paths between the pods can be drawn without hiding that
 * they rest on a guess.
 */
final class NodeTranslation {

  static final String ASSUMED_NODE_CIDR = "172.18.0.0/16";

  /** The node pods without placement are put on when the input has no nodes to spread them. */
  static final String STAND_IN_NODE = Node.STAND_IN;

  /** How many synthesized nodes the warning names. */
  private static final int NAMED = 10;

  private static final String ZONE = "topology.kubernetes.io/zone";
  private static final String LEGACY_ZONE = "failure-domain.beta.kubernetes.io/zone";

  private NodeTranslation() {}

  static List<Node> nodes(InputObjects input, List<String> warnings) {
    Set<String> taken = new HashSet<>();
    List<io.fabric8.kubernetes.api.model.Node> declared = input.nodes();
    declared.forEach(n -> taken.add(address(n, "InternalIP")));
    AddressPool assumed = new AddressPool(ASSUMED_NODE_CIDR, 2, taken);
    List<Node> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (var node : declared) {
      String ip = address(node, "InternalIP");
      if (ip.isEmpty()) {
        ip = assumed.next().orElse("");
        warnings.add(
            "Node " + node.getMetadata().getName() + " has no InternalIP: " + ip + " assumed");
      }
      result.add(translate(node, ip));
      names.add(node.getMetadata().getName());
      addresses.add(ip);
    }
    // nodeName -> the first hostIP a pod on it reports (pods are sorted, so this is stable)
    Map<String, String> referenced = new TreeMap<>();
    for (var pod : input.pods()) {
      String name = PodPlacement.nodeName(pod);
      String hostIp = PodPlacement.hostIp(pod);
      if (!name.isEmpty()) {
        referenced.merge(name, hostIp, (a, b) -> a.isEmpty() ? b : a);
      } else if (!hostIp.isEmpty()) {
        referenced.putIfAbsent(PodPlacement.nodeNamedAfter(hostIp), hostIp);
      }
    }
    referenced.values().forEach(taken::add);
    List<String> synthesized = new ArrayList<>();
    for (var entry : referenced.entrySet()) {
      String name = entry.getKey();
      String hostIp = entry.getValue();
      if (names.contains(name)
          || (PodPlacement.nodeNamedAfter(hostIp).equals(name) && addresses.contains(hostIp))) {
        continue; // declared, or a pod with only a hostIP that a declared node has
      }
      boolean fromPod = !hostIp.isEmpty() && !addresses.contains(hostIp);
      String ip = fromPod ? hostIp : assumed.next().orElse("");
      synthesized.add(name + " (" + ip + (fromPod ? " from status.hostIP" : ", assumed") + ")");
      result.add(synthesized(name, ip));
      names.add(name);
      addresses.add(ip);
    }
    if (!synthesized.isEmpty()) {
      warnings.add(
          count(synthesized.size(), "node")
              + " synthesized from pods' spec.nodeName and status.hostIP (the input has no such"
              + " Node objects): "
              + String.join(", ", synthesized.subList(0, Math.min(NAMED, synthesized.size())))
              + (synthesized.size() > NAMED
                  ? " and " + (synthesized.size() - NAMED) + " more"
                  : ""));
    }
    result.sort(java.util.Comparator.comparing(Node::name));
    return result;
  }

  /**
   * The nodes plus the stand-in node when some pod was put on it ({@link PodPlacement}), with a
   * warning saying how many pods it holds.
   */
  static List<Node> withStandIn(List<Node> nodes, List<Pod> pods, List<String> warnings) {
    long unplaced = pods.stream().filter(p -> p.nodeName().equals(STAND_IN_NODE)).count();
    if (unplaced == 0 || nodes.stream().anyMatch(n -> n.name().equals(STAND_IN_NODE))) {
      return nodes;
    }
    Set<String> taken = new HashSet<>();
    nodes.forEach(n -> taken.add(n.internalIp()));
    String ip = new AddressPool(ASSUMED_NODE_CIDR, 2, taken).next().orElse("");
    warnings.add(
        count(unplaced, "pod")
            + " without placement (no spec.nodeName, no status.hostIP, and no Node objects to"
            + " spread them over) put on stand-in node '"
            + STAND_IN_NODE
            + "' ("
            + ip
            + ", assumed)");
    List<Node> result = new ArrayList<>(nodes);
    result.add(synthesized(STAND_IN_NODE, ip));
    result.sort(java.util.Comparator.comparing(Node::name));
    return List.copyOf(result);
  }

  private static Node synthesized(String name, String ip) {
    return new Node(
        name,
        ip,
        "",
        List.of(),
        "",
        Map.of("kubernetes.io/hostname", name),
        true,
        Provenance.ASSUMED);
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static Node translate(io.fabric8.kubernetes.api.model.Node node, String internalIp) {
    Map<String, String> labels = PodTranslation.orEmpty(node.getMetadata().getLabels());
    List<String> podCidrs = new ArrayList<>();
    if (node.getSpec() != null) {
      if (node.getSpec().getPodCIDRs() != null && !node.getSpec().getPodCIDRs().isEmpty()) {
        podCidrs.addAll(node.getSpec().getPodCIDRs());
      } else if (node.getSpec().getPodCIDR() != null && !node.getSpec().getPodCIDR().isBlank()) {
        podCidrs.add(node.getSpec().getPodCIDR());
      }
    }
    String zone = labels.getOrDefault(ZONE, labels.getOrDefault(LEGACY_ZONE, ""));
    return new Node(
        node.getMetadata().getName(),
        internalIp,
        address(node, "ExternalIP"),
        podCidrs,
        zone,
        labels,
        ready(node));
  }

  private static String address(io.fabric8.kubernetes.api.model.Node node, String type) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return "";
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> type.equals(a.getType()))
        .map(NodeAddress::getAddress)
        .filter(a -> a != null && !a.isBlank())
        .findFirst()
        .map(
            a ->
                PodTranslation.requireIp(
                    a, "Node " + node.getMetadata().getName(), "status.addresses " + type))
        .orElse("");
  }

  /**
   * Ready when the Ready condition says True; hand-written nodes without conditions count as ready.
   */
  private static boolean ready(io.fabric8.kubernetes.api.model.Node node) {
    if (node.getStatus() == null
        || node.getStatus().getConditions() == null
        || node.getStatus().getConditions().isEmpty()) {
      return true;
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(NodeCondition::getStatus)
        .anyMatch("True"::equals);
  }
}
