package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes label selector: {@code matchLabels} AND every {@code matchExpressions} requirement.
 * The empty selector matches everything. This is the one selector matcher of Hopscope.
 */
public record LabelSelector(
    Map<String, String> matchLabels, List<LabelRequirement> matchExpressions) {

  private static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

  public LabelSelector {
    matchLabels = Map.copyOf(matchLabels);
    matchExpressions = List.copyOf(matchExpressions);
  }

  /** The empty selector, which matches every label set. */
  public static LabelSelector everything() {
    return EVERYTHING;
  }

  public static LabelSelector ofLabels(Map<String, String> labels) {
    return new LabelSelector(labels, List.of());
  }

  @JsonIgnore // derived: not part of the JSON shape
  public boolean isEmpty() {
    return matchLabels.isEmpty() && matchExpressions.isEmpty();
  }

  public boolean matches(Map<String, String> labels) {
    for (var entry : matchLabels.entrySet()) {
      if (!entry.getValue().equals(labels.get(entry.getKey()))) {
        return false;
      }
    }
    for (LabelRequirement requirement : matchExpressions) {
      if (!requirement.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    if (isEmpty()) {
      return "{}";
    }
    var parts = new java.util.ArrayList<String>();
    new java.util.TreeMap<>(matchLabels).forEach((k, v) -> parts.add(k + "=" + v));
    matchExpressions.forEach(r -> parts.add(r.toString()));
    return String.join(",", parts);
  }
}
