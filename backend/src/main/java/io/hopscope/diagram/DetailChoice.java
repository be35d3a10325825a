package io.hopscope.diagram;

import io.hopscope.diagram.TopologyDiagram.Detail;
import io.hopscope.diagram.TopologyDiagram.Result;
import io.hopscope.topology.Pod;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Chooses the most detailed {@link Detail} whose diagram stays under Mermaid's limits ({@link
 * TopologyDiagram#MAX_EDGES}, {@link TopologyDiagram#MAX_CHARS}); the least detailed level is drawn
 * whatever its size.
 */
final class DetailChoice {

  private DetailChoice() {}

  static Result mostDetailedFitting(
      TopologySelection selection, BiFunction<TopologySelection, Detail, Result> draw) {
    Result result = null;
    for (Detail detail : Detail.values()) {
      // counting boxes is cheap; drawing a level that has too many is not
      if (detail != Detail.NODES && boxes(selection, detail) > TopologyDiagram.MAX_POD_BOXES) {
        continue;
      }
      result = draw.apply(selection, detail);
      if (result.edges() < TopologyDiagram.MAX_EDGES
          && result.mermaid().length() < TopologyDiagram.MAX_CHARS) {
        return result;
      }
    }
    return result;
  }

  private static int boxes(TopologySelection selection, Detail detail) {
    int boxes = 0;
    for (String node : selection.columns()) {
      Map<String, List<Pod>> byNamespace = selection.podsOn(node);
      boxes +=
          switch (detail) {
            case PODS -> podLevelBoxes(byNamespace);
            case NAMESPACES -> byNamespace.size();
            case NODES -> byNamespace.isEmpty() ? 0 : 1;
          };
    }
    return boxes;
  }

  private static int podLevelBoxes(Map<String, List<Pod>> byNamespace) {
    int boxes = 0;
    boolean hostPods = false;
    for (List<Pod> pods : byNamespace.values()) {
      long onPodNetwork = pods.stream().filter(p -> !p.hostNetwork()).count();
      hostPods |= onPodNetwork < pods.size();
      boxes += onPodNetwork > TopologyDiagram.PODS_PER_GROUP ? 1 : (int) onPodNetwork;
    }
    return boxes + (hostPods ? 1 : 0);
  }
}
