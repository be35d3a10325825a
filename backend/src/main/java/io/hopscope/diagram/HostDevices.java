package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host devices the topology diagram draws for each node (bridges, then tunnels, then uplinks,
 * each sorted by name) and the nodes by name, indexed once per diagram.
 */
final class HostDevices {

  private final Map<String, List<NetInterface>> devicesByNode = new HashMap<>();
  private final Map<String, Node> nodesByName = new HashMap<>();

  private HostDevices() {}

  static HostDevices of(ClusterState state) {
    HostDevices index = new HostDevices();
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.Bridge
          || device instanceof NetInterface.Tunnel
          || device instanceof NetInterface.Uplink) {
        index.devicesByNode.computeIfAbsent(device.node(), k -> new ArrayList<>()).add(device);
      }
    }
    state.nodes().forEach(node -> index.nodesByName.put(node.name(), node));
    index
        .devicesByNode
        .values()
        .forEach(
            list ->
                list.sort(
                    Comparator.comparingInt(HostDevices::deviceOrder)
                        .thenComparing(NetInterface::name)));
    return index;
  }

  /** A node's devices in drawing order; empty for a node without any. */
  List<NetInterface> on(String node) {
    return devicesByNode.getOrDefault(node, List.of());
  }

  /** The node of that name, or null when the state does not list it. */
  Node node(String name) {
    return nodesByName.get(name);
  }

  /** Where a node's pods attach: its first bridge, or a host routing box when it has none. */
  String attachKey(String node) {
    return on(node).stream()
        .filter(d -> d instanceof NetInterface.Bridge)
        .map(NetInterface::id)
        .findFirst()
        .orElse("routing:" + node);
  }

  /** The id of a node's uplink, or the fallback when it has none. */
  String uplink(String node, String fallback) {
    return on(node).stream()
        .filter(d -> d instanceof NetInterface.Uplink)
        .map(NetInterface::id)
        .findFirst()
        .orElse(fallback);
  }

  private static int deviceOrder(NetInterface device) {
    if (device instanceof NetInterface.Bridge) {
      return 0;
    }
    return device instanceof NetInterface.Tunnel ? 1 : 2;
  }
}
