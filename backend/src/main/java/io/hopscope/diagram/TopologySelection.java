package io.hopscope.diagram;

import io.hopscope.diagram.TopologyDiagram.Filter;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The nodes and pods a {@link Filter} selects, pods grouped node -> namespace -> pods (all sorted);
 * nodes beyond {@link TopologyDiagram#MAX_NODES} are only counted.
 *
 * @param nodes the names of the nodes drawn, sorted
 * @param pods the selected pods by node name ({@link #UNSCHEDULED} for none) and namespace
 * @param hiddenNodes how many selected nodes are not drawn
 * @param hiddenPods how many selected pods run on those nodes
 * @param totalPods how many pods are selected
 */
record TopologySelection(
    List<String> nodes,
    Map<String, TreeMap<String, List<Pod>>> pods,
    int hiddenNodes,
    int hiddenPods,
    int totalPods) {

  /** The node name of pods not scheduled yet. */
  static final String UNSCHEDULED = "";

  static TopologySelection of(ClusterState state, Filter filter) {
    Map<String, TreeMap<String, List<Pod>>> grouped = new TreeMap<>();
    int total = 0;
    for (Pod pod : state.pods()) {
      if (!filter.namespace().isEmpty() && !filter.namespace().equals(pod.namespace())) {
        continue;
      }
      if (!filter.node().isEmpty() && !filter.node().equals(pod.nodeName())) {
        continue;
      }
      grouped
          .computeIfAbsent(pod.nodeName(), k -> new TreeMap<>())
          .computeIfAbsent(pod.namespace(), k -> new ArrayList<>())
          .add(pod);
      total++;
    }
    grouped
        .values()
        .forEach(
            byNamespace ->
                byNamespace.values().forEach(pods -> pods.sort(Comparator.comparing(Pod::name))));

    Set<String> nodeNames = new TreeSet<>();
    for (Node node : state.nodes()) {
      boolean wanted =
          filter.node().isEmpty()
              ? filter.namespace().isEmpty() || grouped.containsKey(node.name())
              : filter.node().equals(node.name());
      if (wanted) {
        nodeNames.add(node.name());
      }
    }
    // pods on nodes the state does not list still get a subgraph
    grouped.keySet().stream().filter(n -> !n.equals(UNSCHEDULED)).forEach(nodeNames::add);

    List<String> shown = new ArrayList<>(nodeNames);
    int hiddenNodes = 0;
    int hiddenPods = 0;
    if (shown.size() > TopologyDiagram.MAX_NODES) {
      for (String hidden : shown.subList(TopologyDiagram.MAX_NODES, shown.size())) {
        hiddenNodes++;
        hiddenPods += count(grouped.get(hidden));
      }
      shown = new ArrayList<>(shown.subList(0, TopologyDiagram.MAX_NODES));
    }
    return new TopologySelection(shown, grouped, hiddenNodes, hiddenPods, total);
  }

  /** How many pods a node's namespace groups hold; a node without pods has none. */
  static int count(Map<String, List<Pod>> byNamespace) {
    if (byNamespace == null) {
      return 0;
    }
    return byNamespace.values().stream().mapToInt(List::size).sum();
  }

  /** The subgraphs to draw: the shown nodes, then the unscheduled pods if there are any. */
  List<String> columns() {
    List<String> columns = new ArrayList<>(nodes);
    if (pods.containsKey(UNSCHEDULED)) {
      columns.add(UNSCHEDULED);
    }
    return columns;
  }

  /** The selected pods on a node (or {@link #UNSCHEDULED}) by namespace; empty for none. */
  TreeMap<String, List<Pod>> podsOn(String node) {
    return pods.getOrDefault(node, new TreeMap<>());
  }
}
