package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Pod;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pod address ranges each node is routed to when pod traffic crosses nodes unencapsulated
 * (Flannel host-gw, Calico BGP): the other nodes hold one route per range, via the node's address.
 * Host-gw ranges are the destinations of the state's host routes; Calico's are its IPAM blocks,
 * taken as the /26 blocks (Calico's default block size) holding the node's pod addresses, since a
 * node announces over BGP exactly the blocks affine to it.
 *
 * @param title what the routes are, for the box that joins them
 * @param rangesByNode the routed ranges of each node, sorted
 */
record NodeRoutes(String title, Map<String, List<String>> rangesByNode) {

  /** Calico IPAM's default IPv4 block size. */
  static final int CALICO_BLOCK_PREFIX = 26;

  /** The routes of a state, or null when its pod traffic is not natively routed. */
  static NodeRoutes of(ClusterState state) {
    CniMode mode = state.network().mode();
    if (state.network().plugin() == CniPlugin.CALICO && mode == CniMode.BGP) {
      return new NodeRoutes(
          "BGP routes (BIRD) · every node announces its pods' /" + CALICO_BLOCK_PREFIX + " blocks",
          calicoBlocks(state.pods()));
    }
    if (mode == CniMode.HOST_GW || mode == CniMode.BGP) {
      String kind = mode == CniMode.HOST_GW ? "host-gw" : "BGP";
      return new NodeRoutes(
          kind + " routes · a node's pod range is routed via its node address",
          routeDestinations(state));
    }
    return null;
  }

  private static Map<String, List<String>> calicoBlocks(List<Pod> pods) {
    long size = 1L << (32 - CALICO_BLOCK_PREFIX);
    Map<String, Set<Long>> blocks = new TreeMap<>();
    for (Pod pod : pods) {
      if (pod.hostNetwork() || pod.nodeName().isEmpty()) {
        continue;
      }
      for (String ip : pod.podIps()) {
        if (IpAddresses.isLiteral(ip) && !IpAddresses.isV6(ip)) {
          blocks
              .computeIfAbsent(pod.nodeName(), n -> new TreeSet<>())
              .add(IpAddresses.v4ToLong(ip) & ~(size - 1));
        }
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    blocks.forEach(
        (node, starts) ->
            out.put(
                node,
                starts.stream()
                    .map(start -> IpAddresses.longToV4(start) + "/" + CALICO_BLOCK_PREFIX)
                    .toList()));
    return out;
  }

  /** The destinations of the host routes, by the node whose device they lead to. */
  private static Map<String, List<String>> routeDestinations(ClusterState state) {
    Map<String, String> nodeOfDevice = new HashMap<>();
    for (NetInterface device : state.interfaces()) {
      nodeOfDevice.put(device.id(), device.node());
    }
    Map<String, Set<String>> ranges = new TreeMap<>();
    for (Link link : state.links()) {
      if (link instanceof Link.Route route && nodeOfDevice.containsKey(route.to())) {
        ranges
            .computeIfAbsent(nodeOfDevice.get(route.to()), n -> new TreeSet<>(BY_ADDRESS))
            .add(route.destination());
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    ranges.forEach((node, set) -> out.put(node, List.copyOf(set)));
    return out;
  }

  /** IPv4 before IPv6, then by text (stable, and right for same-length addresses). */
  private static final Comparator<String> BY_ADDRESS =
      Comparator.comparing((String cidr) -> cidr.contains(":")).thenComparing(cidr -> cidr);
}
