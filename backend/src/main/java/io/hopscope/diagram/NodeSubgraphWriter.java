package io.hopscope.diagram;

import io.hopscope.diagram.TopologyDiagram.Detail;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes one subgraph per node of the topology diagram: the node's host devices and its pods at one
 * level of detail, grouped by namespace. The edges from pods to where they attach are kept and
 * written after all subgraphs ({@link #writePodEdges()}).
 */
final class NodeSubgraphWriter {

  private static final int HOST_POD_NAMES = 3;

  private record PodEdge(String from, String to) {}

  private final Mermaid chart;
  private final HostDevices devices;
  private final CniPlugin plugin;
  private final Detail detail;
  private final Set<String> drawnDevices = new HashSet<>();
  private final List<PodEdge> podEdges = new ArrayList<>();
  private int aggregatedGroups;

  NodeSubgraphWriter(Mermaid chart, HostDevices devices, CniPlugin plugin, Detail detail) {
    this.chart = chart;
    this.devices = devices;
    this.plugin = plugin;
    this.detail = detail;
  }

  /** Writes the subgraph of a node, or of the unscheduled pods. */
  void write(String node, TreeMap<String, List<Pod>> byNamespace) {
    boolean unscheduled = node.equals(TopologySelection.UNSCHEDULED);
    chart.subgraph(
        "node:" + node,
        unscheduled
            ? "unscheduled pods"
            : TopologyLabels.nodeTitle(node, devices.node(node), devices.on(node)));
    String attach = unscheduled ? null : writeDevices(node);
    if (detail == Detail.NODES) {
      if (!byNamespace.isEmpty()) {
        addPodBox(
            "count:" + node,
            TopologyLabels.plural(TopologySelection.count(byNamespace), "pod")
                + " in "
                + TopologyLabels.plural(byNamespace.size(), "namespace"),
            "agg",
            attach);
      }
      chart.end();
      return;
    }
    if (detail == Detail.PODS && !unscheduled) {
      writeHostNetworkPods(node, attach, byNamespace);
    }
    // Mermaid's layout (dagre) stacks sibling namespace subgraphs bottom-up in the order they are
    // written; written last to first they read top-down in name order (checked in DashboardUiIT)
    for (var entry : byNamespace.descendingMap().entrySet()) {
      writeNamespace(node, entry.getKey(), entry.getValue(), attach);
    }
    chart.end();
  }

  /**
   * The edges from every pod box written so far to where it attaches (none for unscheduled pods).
   */
  void writePodEdges() {
    for (PodEdge edge : podEdges) {
      if (edge.to() != null) {
        chart.edge(edge.from(), edge.to(), null, Mermaid.Line.SOLID);
      }
    }
  }

  /** The ids of the host devices written so far. */
  Set<String> drawnDevices() {
    return drawnDevices;
  }

  /** How many namespace groups were too crowded and drawn as one pod count. */
  int aggregatedGroups() {
    return aggregatedGroups;
  }

  private void writeNamespace(String node, String namespace, List<Pod> allPods, String attach) {
    List<Pod> pods =
        detail == Detail.PODS ? allPods.stream().filter(p -> !p.hostNetwork()).toList() : allPods;
    if (pods.isEmpty()) {
      return;
    }
    String countKey = "count:" + node + "/" + namespace;
    if (detail == Detail.NAMESPACES) {
      addPodBox(
          countKey, namespace + " · " + TopologyLabels.plural(pods.size(), "pod"), "agg", attach);
      return;
    }
    chart.subgraph("ns:" + node + "/" + namespace, "ns " + namespace);
    if (pods.size() > TopologyDiagram.PODS_PER_GROUP) {
      aggregatedGroups++;
      addPodBox(countKey, TopologyLabels.plural(pods.size(), "pod"), "agg", attach);
    } else {
      for (Pod pod : pods) {
        addPodBox(
            "pod:" + pod.ref(), TopologyLabels.podLabel(pod), TopologyLabels.podClass(pod), attach);
      }
    }
    chart.end();
  }

  private void addPodBox(String key, String label, String cssClass, String attach) {
    chart.node(key, label, Mermaid.Shape.ROUND, cssClass);
    podEdges.add(new PodEdge(key, attach));
  }

  /**
   * Pods on the host network share the node's network namespace, so they are one box per node
   * (attached to the uplink) rather than one per pod in their namespaces.
   */
  private void writeHostNetworkPods(
      String node, String attach, Map<String, List<Pod>> byNamespace) {
    List<Pod> hostPods =
        byNamespace.values().stream()
            .flatMap(List::stream)
            .filter(Pod::hostNetwork)
            .sorted(Comparator.comparing(Pod::ref))
            .toList();
    if (hostPods.isEmpty()) {
      return;
    }
    List<String> names =
        hostPods.stream().limit(HOST_POD_NAMES).map(p -> TopologyLabels.shorten(p.name())).toList();
    String label =
        "host network · "
            + TopologyLabels.plural(hostPods.size(), "pod")
            + ": "
            + String.join(", ", names)
            + (hostPods.size() > HOST_POD_NAMES ? ", …" : "");
    String key = "host:" + node;
    chart.node(key, label, Mermaid.Shape.ROUND, "hostpod");
    podEdges.add(new PodEdge(key, devices.uplink(node, attach)));
  }

  /** Writes a node's host devices; returns the key pods attach to (the bridge, or host routing). */
  private String writeDevices(String node) {
    List<NetInterface> nodeDevices = devices.on(node);
    boolean mixed = nodeDevices.stream().map(NetInterface::provenance).distinct().count() > 1;
    for (NetInterface device : nodeDevices) {
      String label =
          TopologyLabels.deviceLabel(device)
              + (mixed ? " · " + TopologyLabels.provenance(device.provenance()) : "");
      chart.node(device.id(), label, Mermaid.Shape.BOX, TopologyLabels.deviceClass(device));
      drawnDevices.add(device.id());
    }
    String attach = devices.attachKey(node);
    if (!chart.has(attach)) {
      String label = plugin == CniPlugin.CILIUM ? "eBPF datapath" : "host routing";
      chart.node(attach, label, Mermaid.Shape.HEXAGON, "routing");
    }
    return attach;
  }
}
