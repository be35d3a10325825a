package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.hopscope.topology.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fabric8 nodes to model nodes. Nodes that pods name but the input lacks are created, with an
 * underlay address from {@value #ASSUMED_NODE_CIDR} (said in a warning), so paths between them can
 * be drawn.
 */
final class NodeTranslation {

  static final String ASSUMED_NODE_CIDR = "172.18.0.0/16";
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
    for (var node : declared) {
      String ip = address(node, "InternalIP");
      if (ip.isEmpty()) {
        ip = assumed.next().orElse("");
        warnings.add(
            "Node " + node.getMetadata().getName() + " has no InternalIP: " + ip + " assumed");
      }
      result.add(translate(node, ip));
      names.add(node.getMetadata().getName());
    }
    Set<String> referenced = new TreeSet<>();
    input
        .pods()
        .forEach(
            p -> {
              if (p.getSpec() != null
                  && p.getSpec().getNodeName() != null
                  && !p.getSpec().getNodeName().isBlank()) {
                referenced.add(p.getSpec().getNodeName());
              }
            });
    for (String name : referenced) {
      if (!names.contains(name)) {
        String ip = assumed.next().orElse("");
        warnings.add(
            "Node " + name + " is named by pods but not in the input: created with address " + ip);
        result.add(
            new Node(name, ip, "", List.of(), "", Map.of("kubernetes.io/hostname", name), true));
      }
    }
    result.sort(java.util.Comparator.comparing(Node::name));
    return result;
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
