package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Calico says about each node: its address with the subnet prefix (the {@code
 * projectcalico.org/IPv4Address} annotation calico-node writes, which CrossSubnet compares) and the
 * IPAM blocks affine to it ({@code BlockAffinity}), which replace the node's pod CIDRs since Calico
 * routes per block, not per {@code spec.podCIDR}.
 */
final class CalicoNodes {

  static final String ADDRESS_ANNOTATION = "projectcalico.org/IPv4Address";

  private CalicoNodes() {}

  static List<Node> apply(InputObjects input, List<Node> nodes, List<String> warnings) {
    Map<String, String> subnets = subnets(input, warnings);
    Map<String, List<String>> blocks = blocks(input.calico("BlockAffinity"));
    if (subnets.isEmpty() && blocks.isEmpty()) {
      return nodes;
    }
    List<Node> result = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      List<String> podCidrs = blocks.getOrDefault(node.name(), node.podCidrs());
      result.add(
          new Node(
              node.name(),
              node.internalIp(),
              node.externalIp(),
              podCidrs,
              node.zone(),
              node.labels(),
              node.ready(),
              node.provenance(),
              subnets.getOrDefault(node.name(), node.subnet())));
    }
    return result;
  }

  private static Map<String, String> subnets(InputObjects input, List<String> warnings) {
    Map<String, String> result = new LinkedHashMap<>();
    for (var node : input.nodes()) {
      String value =
          PodTranslation.orEmpty(node.getMetadata().getAnnotations()).get(ADDRESS_ANNOTATION);
      if (value == null || value.isBlank()) {
        continue;
      }
      value = value.trim();
      if (validCidr(value)) {
        result.put(node.getMetadata().getName(), value);
      } else {
        warnings.add(
            "Node "
                + node.getMetadata().getName()
                + ": "
                + ADDRESS_ANNOTATION
                + " '"
                + value
                + "' is not an address/prefix; its subnet is unknown");
      }
    }
    return result;
  }

  static boolean validCidr(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash <= 0 || !IpAddresses.isLiteral(cidr.substring(0, slash))) {
      return false;
    }
    int prefix = prefix(cidr.substring(slash + 1));
    return prefix >= 0 && prefix <= (IpAddresses.isV6(cidr.substring(0, slash)) ? 128 : 32);
  }

  private static int prefix(String text) {
    try {
      int prefix = Integer.parseInt(text);
      return prefix >= 0 && prefix <= 128 ? prefix : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Node name to its confirmed blocks ({@code spec.node}, {@code spec.cidr}), in block order. */
  private static Map<String, List<String>> blocks(List<GenericKubernetesResource> affinities) {
    Map<String, List<String>> result = new TreeMap<>();
    for (GenericKubernetesResource affinity : affinities) {
      if (!(affinity.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
        continue;
      }
      Object node = spec.get("node");
      Object cidr = spec.get("cidr");
      Object state = spec.get("state");
      if (node == null
          || !validCidr(String.valueOf(cidr))
          || (state != null && !"confirmed".equals(state.toString()))) {
        continue;
      }
      result.computeIfAbsent(node.toString(), n -> new ArrayList<>()).add(cidr.toString());
    }
    result.values().forEach(list -> list.sort(null));
    return result;
  }
}
