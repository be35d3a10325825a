package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import java.util.ArrayList;
import java.util.List;

/**
 * The topology overview as a Mermaid flowchart: one subgraph per node holding its bridge, tunnel
 * and uplink devices and its pods grouped by namespace (nested subgraphs), the tunnel peers between
 * nodes (through one overlay box), the natively routed pod ranges of host-gw and BGP (through one
 * routes box) and the underlay network joining the uplinks. Output is deterministic (everything
 * sorted) and always stays under Mermaid's limits: crowded namespaces become "k pods" boxes and,
 * when that is not enough, whole namespaces and then whole nodes are counted instead of drawn (see
 * {@link Detail}).
 */
public final class TopologyDiagram {

  /** Mermaid's default {@code maxEdges}; the diagram stays strictly below it. */
  public static final int MAX_EDGES = 500;

  /** Mermaid's default {@code maxTextSize}; the diagram stays strictly below it. */
  public static final int MAX_CHARS = 50_000;

  /** A namespace with more pods than this on one node is drawn as one "k pods" box. */
  public static final int PODS_PER_GROUP = 8;

  /** At most this many pod (or pod-count) boxes in one diagram. */
  public static final int MAX_POD_BOXES = 150;

  /** At most this many nodes are drawn; the rest are summed up in one box. */
  public static final int MAX_NODES = 40;

  /** How much of the cluster is drawn, from most to least detailed. */
  public enum Detail {
    /**
     * Every pod is a box, except namespaces with more than {@link #PODS_PER_GROUP} pods on a node.
     */
    PODS,
    /** One "k pods" box per namespace and node. */
    NAMESPACES,
    /** One "k pods in m namespaces" box per node. */
    NODES
  }

  /**
   * What to draw; empty strings mean "everything".
   *
   * @param namespace only pods of this namespace (and the nodes they run on)
   * @param node only this node
   */
  public record Filter(String namespace, String node) {
    public Filter {
      namespace = namespace == null ? "" : namespace.trim();
      node = node == null ? "" : node.trim();
    }

    public static Filter none() {
      return new Filter("", "");
    }
  }

  /**
   * A rendered diagram.
   *
   * @param mermaid the Mermaid source (labels escaped by {@link Mermaid#label(String)})
   * @param detail the level of detail that fit the limits
   * @param nodes how many nodes are drawn
   * @param pods how many pods the diagram accounts for (drawn or counted)
   * @param edges how many edges the diagram has
   * @param notes what was aggregated or left out, one sentence each
   */
  public record Result(
      String mermaid, Detail detail, int nodes, int pods, int edges, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  private final ClusterState state;
  private final HostDevices devices;
  private final NodeRoutes routes;

  private TopologyDiagram(ClusterState state) {
    this.state = state;
    this.devices = HostDevices.of(state);
    this.routes = NodeRoutes.of(state);
  }

  /** The overview of the whole state. */
  public static Result render(ClusterState state) {
    return render(state, Filter.none());
  }

  /** The overview of the part of the state the filter selects. */
  public static Result render(ClusterState state, Filter filter) {
    TopologySelection selection = TopologySelection.of(state, filter);
    return DetailChoice.mostDetailedFitting(selection, new TopologyDiagram(state)::draw);
  }

  private Result draw(TopologySelection selection, Detail detail) {
    Mermaid chart = Mermaid.flowchart("LR");
    List<String> notes = new ArrayList<>();
    NodeSubgraphWriter subgraphs =
        new NodeSubgraphWriter(chart, devices, state.network().plugin(), detail);
    for (String node : selection.columns()) {
      subgraphs.write(node, selection.podsOn(node));
    }

    if (selection.hiddenNodes() > 0) {
      chart.node(
          "hidden-nodes",
          "+ "
              + TopologyLabels.plural(selection.hiddenNodes(), "more node")
              + " · "
              + TopologyLabels.plural(selection.hiddenPods(), "pod"),
          Mermaid.Shape.BOX,
          "agg");
      notes.add(
          "Only the first "
              + MAX_NODES
              + " nodes are drawn; "
              + TopologyLabels.plural(selection.hiddenNodes(), "node")
              + " with "
              + TopologyLabels.plural(selection.hiddenPods(), "pod")
              + " are summed up in one box.");
    }

    subgraphs.writePodEdges();
    OverlayUnderlayWriter network = new OverlayUnderlayWriter(chart, devices);
    network.writeNodeInternals(selection.nodes());
    network.writeUnderlay(selection.nodes());
    network.writeTunnelPeers(state, subgraphs.drawnDevices());
    network.writeRoutes(routes, selection.nodes());
    TopologyLabels.declareClasses(chart);

    if (subgraphs.aggregatedGroups() > 0) {
      notes.add(
          TopologyLabels.plural(subgraphs.aggregatedGroups(), "namespace group")
              + " with more than "
              + PODS_PER_GROUP
              + " pods on one node are drawn as pod counts.");
    }
    if (detail == Detail.NAMESPACES) {
      notes.add(
          "Too many pods to draw one by one: each namespace on each node is one box with its pod count.");
    } else if (detail == Detail.NODES) {
      notes.add("Too many namespaces to draw: each node is one box with its pod count.");
    }
    return new Result(
        chart.render(),
        detail,
        selection.nodes().size(),
        selection.totalPods(),
        chart.edgeCount(),
        notes);
  }
}
