package io.hopscope.source.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns one YAML node tree into plain Java values, following aliases with a budget on values and
 * depth: a few aliases can describe an exponentially large document (alias bomb).
 */
final class NodeValues {

  /** Values one document may expand to once aliases are followed. */
  static final long MAX_VALUES = 2_000_000;

  private static final Set<Tag> SCALAR_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

  private final YamlDocuments yaml;
  private long remaining = MAX_VALUES;

  NodeValues(YamlDocuments yaml) {
    this.yaml = yaml;
  }

  /** The value of a node {@code depth} levels below the document root. */
  Object value(Node node, int depth) {
    if (--remaining < 0) {
      throw yaml.error(
          node, "document expands to more than " + MAX_VALUES + " values (alias bomb?)");
    }
    if (depth > YamlDocuments.MAX_DEPTH) {
      throw yaml.error(node, "nesting deeper than " + YamlDocuments.MAX_DEPTH + " levels");
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (node instanceof SequenceNode sequence) {
      requireTag(node, Tag.SEQ);
      List<Object> list = new ArrayList<>(sequence.getValue().size());
      for (Node item : sequence.getValue()) {
        list.add(value(item, depth + 1));
      }
      return list;
    }
    MappingNode mapping = (MappingNode) node;
    requireTag(node, Tag.MAP);
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
        merge(map, value(tuple.getValueNode(), depth + 1));
      } else {
        map.put(
            String.valueOf(value(tuple.getKeyNode(), depth + 1)),
            value(tuple.getValueNode(), depth + 1));
      }
    }
    return map;
  }

  private Object scalar(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    if (Tag.TIMESTAMP.equals(tag) || Tag.BINARY.equals(tag)) {
      return scalar.getValue(); // Kubernetes wants these as strings
    }
    if (!SCALAR_TAGS.contains(tag)) {
      throw yaml.error(scalar, "unsupported YAML tag " + tag.getValue());
    }
    if (Tag.STR.equals(tag)) {
      return scalar.getValue(); // most scalars: skip the constructor's bookkeeping
    }
    return Tag.NULL.equals(tag) ? null : yaml.standardScalar(scalar);
  }

  @SuppressWarnings("unchecked")
  private void merge(Map<String, Object> map, Object merged) {
    if (merged instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach(map::putIfAbsent);
    } else if (merged instanceof List<?> list) {
      list.forEach(item -> merge(map, item));
    }
  }

  private void requireTag(Node node, Tag expected) {
    if (!expected.equals(node.getTag())) {
      throw yaml.error(node, "unsupported YAML tag " + node.getTag().getValue());
    }
  }
}
