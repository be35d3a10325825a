package io.hopscope.diagram;

import io.hopscope.trace.Action;
import io.hopscope.trace.Hop;
import io.hopscope.trace.Trace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The path of a traced packet as a Mermaid flowchart: one subgraph per node (in the order the
 * packet reaches them), one box per hop, edges labelled with what happens on the way (DNAT,
 * encapsulation, policy), the drop marked. Deterministic for the same input.
 */
public final class TraceDiagram {

  /**
   * One hop as the diagram draws it.
   *
   * @param node the node the hop happens on, or empty (drawn outside any node)
   * @param component what handles the packet (e.g. TUNNEL)
   * @param device the interface, or empty
   * @param action what happens (e.g. ENCAPSULATED)
   * @param edge the label of the edge leading to this hop
   * @param dropped whether the packet is dropped here
   * @param delivered whether the packet is delivered here
   */
  private record Step(
      String node,
      String component,
      String device,
      String action,
      String edge,
      boolean dropped,
      boolean delivered) {

    static Step of(Hop hop, String edge) {
      return new Step(
          hop.node(),
          hop.component().name(),
          hop.device(),
          hop.action().name(),
          edge,
          hop.action() == Action.DROPPED,
          hop.action() == Action.DELIVERED);
    }
  }

  private TraceDiagram() {}

  /** Renders the path of a trace, from its source to its target labelled with the verdict. */
  public static String render(Trace trace) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < trace.hops().size(); i++) {
      steps.add(Step.of(trace.hops().get(i), trace.edgeLabels().get(i)));
    }
    return render(trace.from(), trace.to(), trace.verdict().name(), steps);
  }

  private static String render(String from, String to, String verdict, List<Step> steps) {
    // Top to bottom: a path has up to ~25 hops, too wide to read left to right.
    Mermaid chart = Mermaid.flowchart("TB");
    chart.classDef("drop", "fill:#fde2e2,stroke:#c62828,color:#8e0000,stroke-width:2px");
    chart.classDef("ok", "fill:#e3f6e5,stroke:#2e7d32,color:#1b5e20");
    chart.classDef("tunnel", "fill:#e8eaf6,stroke:#3949ab");
    chart.classDef("policy", "fill:#fff8e1,stroke:#f9a825");
    chart.classDef("lb", "fill:#e0f7fa,stroke:#00838f");
    chart.classDef("ends", "fill:#f5f5f5,stroke:#616161");
    chart.node("from", from, Mermaid.Shape.STADIUM, "ends");

    Map<String, List<Integer>> byNode = new LinkedHashMap<>();
    List<Integer> outside = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String node = steps.get(i).node();
      if (node == null || node.isEmpty()) {
        outside.add(i);
      } else {
        byNode.computeIfAbsent(node, k -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<String, List<Integer>> group : byNode.entrySet()) {
      chart.subgraph("node:" + group.getKey(), "node " + group.getKey());
      group.getValue().forEach(i -> hopNode(chart, i, steps.get(i)));
      chart.end();
    }
    outside.forEach(i -> hopNode(chart, i, steps.get(i)));

    String endLabel = to + " (" + verdict + ")";
    chart.node("to", endLabel, Mermaid.Shape.STADIUM, "ALLOWED".equals(verdict) ? "ok" : "drop");
    String previous = "from";
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Mermaid.Line line =
          step.dropped()
              ? Mermaid.Line.DOTTED
              : "TUNNEL".equals(step.component()) || "UNDERLAY".equals(step.component())
                  ? Mermaid.Line.THICK
                  : Mermaid.Line.SOLID;
      chart.edge(previous, "hop" + i, step.edge(), line);
      previous = "hop" + i;
    }
    if ("ALLOWED".equals(verdict)) {
      chart.edge(
          previous,
          "to",
          steps.isEmpty() || !steps.get(steps.size() - 1).delivered() ? "onwards" : "",
          Mermaid.Line.SOLID);
    } else {
      chart.edge(previous, "to", verdict, Mermaid.Line.DOTTED);
    }
    return chart.render();
  }

  private static void hopNode(Mermaid chart, int i, Step step) {
    String label =
        (i + 1)
            + " "
            + step.component()
            + (step.device().isEmpty() ? "" : " " + step.device())
            + (step.dropped() ? " DROPPED" : step.delivered() ? " DELIVERED" : "");
    String css =
        step.dropped()
            ? "drop"
            : step.delivered()
                ? "ok"
                : switch (step.component()) {
                  case "TUNNEL", "UNDERLAY" -> "tunnel";
                  case "NETWORK_POLICY" -> "policy";
                  case "SERVICE_LB", "DNS" -> "lb";
                  default -> "";
                };
    chart.node("hop" + i, label, step.dropped() ? Mermaid.Shape.HEXAGON : Mermaid.Shape.BOX, css);
  }
}
