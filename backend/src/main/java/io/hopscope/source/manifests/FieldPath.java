package io.hopscope.source.manifests;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a field is inside one object, as keys and list indexes from its root; printed the way
 * {@code kubectl explain} names fields ({@code spec.containers[0].command[2]}).
 */
record FieldPath(List<Object> steps) {

  static final FieldPath ROOT = new FieldPath(List.of());

  FieldPath {
    steps = List.copyOf(steps);
  }

  FieldPath key(String key) {
    return with(key);
  }

  FieldPath index(int index) {
    return with(index);
  }

  private FieldPath with(Object step) {
    List<Object> longer = new ArrayList<>(steps.size() + 1);
    longer.addAll(steps);
    longer.add(step);
    return new FieldPath(longer);
  }

  /** What is wrong at this field. */
  Problem problem(String what) {
    return new Problem(this, what);
  }

  /** A field and what is wrong with it. */
  record Problem(FieldPath path, String what) {}

  /**
   * The YAML node this path leads to from {@code root}, or the deepest one found on the way (for a
   * line number): merge keys and aliases may hide the rest.
   */
  Node locate(Node root) {
    Node node = root;
    for (Object step : steps) {
      Node next =
          step instanceof Integer i
              ? (node instanceof SequenceNode seq && i < seq.getValue().size()
                  ? seq.getValue().get(i)
                  : null)
              : YamlDocuments.child(node, (String) step);
      if (next == null) {
        return node;
      }
      node = next;
    }
    return node;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Object step : steps) {
      if (step instanceof Integer i) {
        out.append('[').append(i).append(']');
      } else {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(printable((String) step));
      }
    }
    return out.toString();
  }

  /** Keys come from the input: keep them short and on one line in messages. */
  private static String printable(String key) {
    String oneLine = key.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
  }
}
