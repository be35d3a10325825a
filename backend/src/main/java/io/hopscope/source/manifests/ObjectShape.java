package io.hopscope.source.manifests;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses the nulls that the Kubernetes API server never stores but that a hand-edited or damaged
 * manifest can hold: a null list item ({@code containers: [null]}, {@code command: [null]}) and a
 * null value in a string map ({@code labels: {app: null}}). Fabric8 accepts both, and the
 * translation would then fail far from the input; here the error names the field.
 */
final class ObjectShape {

  /** Keys whose value is a map of strings in every kind Hopscope reads. */
  private static final Set<String> STRING_MAPS =
      Set.of("labels", "annotations", "matchLabels", "nodeSelector", "data", "binaryData");

  /** Kinds whose {@code spec.selector} is a plain map of labels, not a label selector. */
  private static final Set<String> PLAIN_SELECTOR_KINDS =
      Set.of("Service", "ReplicationController");

  private ObjectShape() {}

  /** The first misplaced null in an object, or null when there is none. */
  static FieldPath.Problem firstProblem(String kind, Map<?, ?> object) {
    return map(kind, object, FieldPath.ROOT);
  }

  private static FieldPath.Problem value(String kind, Object value, FieldPath path) {
    if (value instanceof Map<?, ?> map) {
      return map(kind, map, path);
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        FieldPath item = path.index(i);
        if (list.get(i) == null) {
          return item.problem("is null; a list item must have a value");
        }
        FieldPath.Problem inner = value(kind, list.get(i), item);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  private static FieldPath.Problem map(String kind, Map<?, ?> map, FieldPath path) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String key = String.valueOf(entry.getKey());
      FieldPath child = path.key(key);
      if (entry.getValue() instanceof Map<?, ?> values && isStringMap(kind, key, child)) {
        for (Map.Entry<?, ?> e : values.entrySet()) {
          if (e.getValue() == null) {
            return child
                .key(String.valueOf(e.getKey()))
                .problem("is null; " + key + " values are strings");
          }
        }
      }
      FieldPath.Problem inner = value(kind, entry.getValue(), child);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  private static boolean isStringMap(String kind, String key, FieldPath path) {
    return STRING_MAPS.contains(key)
        || (path.toString().equals("spec.selector") && PLAIN_SELECTOR_KINDS.contains(kind));
  }
}
