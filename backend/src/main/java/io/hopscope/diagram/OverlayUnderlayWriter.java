package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes how traffic leaves the nodes of the topology diagram: inside each node from where pods
 * attach through its tunnels to its uplink, the underlay joining the uplinks, and the overlay
 * joining the tunnel peers.
 */
final class OverlayUnderlayWriter {

  /** At most this many ranges are named on a node's route edge. */
  private static final int MAX_RANGES = 3;

  private final Mermaid chart;
  private final HostDevices devices;

  OverlayUnderlayWriter(Mermaid chart, HostDevices devices) {
    this.chart = chart;
    this.devices = devices;
  }

  void writeNodeInternals(List<String> nodes) {
    for (String node : nodes) {
      String attach = devices.attachKey(node);
      List<NetInterface> tunnels =
          devices.on(node).stream().filter(d -> d instanceof NetInterface.Tunnel).toList();
      String uplink = devices.uplink(node, null);
      for (NetInterface tunnel : tunnels) {
        chart.edge(attach, tunnel.id(), null, Mermaid.Line.SOLID);
        if (uplink != null) {
          chart.edge(tunnel.id(), uplink, null, Mermaid.Line.SOLID);
        }
      }
      // with a tunnel, cross-node pod traffic reaches the uplink only encapsulated
      if (uplink != null && tunnels.isEmpty()) {
        chart.edge(attach, uplink, null, Mermaid.Line.SOLID);
      }
    }
  }

  void writeUnderlay(List<String> nodes) {
    List<String> uplinks =
        nodes.stream().map(node -> devices.uplink(node, null)).filter(Objects::nonNull).toList();
    if (uplinks.size() < 2) {
      return;
    }
    chart.node("underlay", "node network (underlay)", Mermaid.Shape.STADIUM, "underlay");
    uplinks.forEach(uplink -> chart.edge(uplink, "underlay", null, Mermaid.Line.THICK));
  }

  /**
   * Natively routed pod ranges (host-gw, BGP) go through one routes box, like tunnel peers through
   * the overlay box: each edge to a node's uplink names the ranges the other nodes route to it.
   */
  void writeRoutes(NodeRoutes routes, List<String> nodes) {
    if (routes == null) {
      return;
    }
    List<String> routed =
        nodes.stream()
            .filter(node -> devices.uplink(node, null) != null)
            .filter(node -> !routes.rangesByNode().getOrDefault(node, List.of()).isEmpty())
            .toList();
    // one node alone routes nothing to another
    if (routed.size() < 2) {
      return;
    }
    chart.node("routes", routes.title(), Mermaid.Shape.STADIUM, "routing");
    for (String node : routed) {
      chart.edge(
          "routes",
          devices.uplink(node, null),
          ranges(routes.rangesByNode().get(node)),
          Mermaid.Line.DOTTED);
    }
  }

  private static String ranges(List<String> ranges) {
    if (ranges.size() <= MAX_RANGES) {
      return String.join(", ", ranges);
    }
    return String.join(", ", ranges.subList(0, MAX_RANGES))
        + " +"
        + (ranges.size() - MAX_RANGES)
        + " more";
  }

  /**
   * Tunnel peers go through one overlay box rather than pairwise: pairwise edges between devices of
   * the same rank would push the nodes apart in the layout, and a full mesh grows as n².
   */
  void writeTunnelPeers(ClusterState state, Set<String> drawn) {
    Set<String> tunnels = new TreeSet<>();
    Set<String> pairs = new HashSet<>();
    for (Link link : state.links()) {
      if (link instanceof Link.TunnelPeer peer
          && drawn.contains(peer.from())
          && drawn.contains(peer.to())
          && !peer.from().equals(peer.to())) {
        tunnels.add(peer.from());
        tunnels.add(peer.to());
        pairs.add(
            peer.from().compareTo(peer.to()) < 0
                ? peer.from() + "\n" + peer.to()
                : peer.to() + "\n" + peer.from());
      }
    }
    if (tunnels.isEmpty()) {
      return;
    }
    Set<String> kinds = new TreeSet<>();
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.Tunnel t && tunnels.contains(t.id())) {
        kinds.add(t.tunnelKind().name().toLowerCase(Locale.ROOT));
      }
    }
    int n = tunnels.size();
    String mesh =
        pairs.size() == n * (n - 1) / 2
            ? "full mesh of " + n + " tunnel endpoints"
            : pairs.size() + " peerings between " + n + " tunnel endpoints";
    chart.node(
        "overlay", String.join("+", kinds) + " overlay · " + mesh, Mermaid.Shape.STADIUM, "tunnel");
    // drawn from the overlay to the endpoints: edges into one box from every node make Mermaid's
    // layout stack the nodes in reverse name order
    tunnels.forEach(tunnel -> chart.edge("overlay", tunnel, null, Mermaid.Line.DOTTED));
  }
}
