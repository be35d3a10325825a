package io.hopscope.source.translate;

import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every pod an address: hostNetwork pods take their node's IP (never a pod address: without a
 * known node address they keep what the input says); other pods without an IP get the next free one
 * of their node's pod CIDR, or of the detected cluster pod range when the node has none. Addresses
 * filled in are named in {@link Pod#generated()}.
 */
final class PodAddresses {

  static final String DEFAULT_POD_CIDR = "10.244.0.0/16";

  private PodAddresses() {}

  /** The pods (sorted) with addresses; the order of the input is kept. */
  static List<Pod> assign(List<Pod> pods, List<Node> nodes, List<String> clusterCidrs) {
    Map<String, Node> nodesByName = new HashMap<>();
    nodes.forEach(n -> nodesByName.put(n.name(), n));
    // the addresses in use, collected only when some pod needs one (a live cluster's running pods
    // have theirs)
    Set<String> taken =
        pods.stream().anyMatch(p -> p.podIps().isEmpty()) ? taken(pods, nodes) : Set.of();
    Map<String, AddressPool> pools = new HashMap<>();
    String clusterCidr =
        clusterCidrs.stream().filter(AddressPool::isV4Cidr).findFirst().orElse(DEFAULT_POD_CIDR);
    Map<String, String> nodeCidrs = new HashMap<>();
    nodes.forEach(
        n ->
            nodeCidrs.put(
                n.name(),
                n.podCidrs().stream()
                    .filter(AddressPool::isV4Cidr)
                    .findFirst()
                    .orElse(clusterCidr)));
    List<Pod> result = new ArrayList<>(pods.size());
    for (Pod pod : pods) {
      Node node = nodesByName.get(pod.nodeName());
      if (pod.hostNetwork()) {
        boolean nodeKnown = node != null && !node.internalIp().isEmpty();
        List<String> nodeIp = nodeKnown ? List.of(node.internalIp()) : pod.podIps();
        result.add(pod.podIps().equals(nodeIp) ? pod : withIps(pod, nodeIp));
      } else if (pod.podIps().isEmpty()) {
        String cidr = node == null ? clusterCidr : nodeCidrs.get(node.name());
        // Start at .2 (a node's .1 is its bridge or gateway); unscheduled pods from the top half of
        // the cluster range.
        int offset = cidr.equals(clusterCidr) && node == null ? unscheduledOffset(cidr) : 2;
        AddressPool pool =
            pools.computeIfAbsent(cidr + "@" + offset, k -> new AddressPool(cidr, offset, taken));
        result.add(pool.next().map(ip -> withIps(pod, List.of(ip))).orElse(pod));
      } else {
        result.add(pod);
      }
    }
    return result;
  }

  private static Set<String> taken(List<Pod> pods, List<Node> nodes) {
    Set<String> taken = new HashSet<>();
    pods.forEach(p -> taken.addAll(p.podIps()));
    nodes.forEach(n -> taken.add(n.internalIp()));
    return taken;
  }

  /** IPv4 addresses first, as Kubernetes lists them in dual-stack clusters. */
  static List<String> v4First(Collection<String> ips) {
    List<String> result = new ArrayList<>();
    ips.stream().filter(ip -> !IpAddresses.isV6(ip)).forEach(result::add);
    ips.stream().filter(IpAddresses::isV6).forEach(result::add);
    return result;
  }

  private static int unscheduledOffset(String cidr) {
    int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    long size = 1L << (32 - prefix);
    return (int) Math.min(Integer.MAX_VALUE, size / 2) + 2;
  }

  private static Pod withIps(Pod p, List<String> ips) {
    List<String> generated = new ArrayList<>(p.generated());
    if (!generated.contains(Pod.GENERATED_POD_IPS)) {
      generated.add(Pod.GENERATED_POD_IPS);
    }
    return new Pod(
        p.namespace(),
        p.name(),
        p.uid(),
        p.labels(),
        p.annotations(),
        p.owner(),
        p.nodeName(),
        ips,
        p.hostNetwork(),
        p.containers(),
        p.sidecars(),
        p.dnsPolicy(),
        p.phase(),
        p.ready(),
        generated);
  }
}
