package io.hopscope.source.manifests;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML (and JSON, a subset of it) into node trees with positions, under limits that stop
 * hostile input early: few aliases, bounded nesting, bounded size, standard tags only.
 */
final class YamlDocuments {

  static final int MAX_ALIASES = 50;
  static final int MAX_DEPTH = 100;
  static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

  private final String origin;
  private final ScalarConstructor scalars;
  private final Yaml yaml;

  YamlDocuments(String origin) {
    this.origin = origin;
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    this.scalars = new ScalarConstructor(options);
    DumperOptions dumper = new DumperOptions();
    this.yaml = new Yaml(scalars, new Representer(dumper), dumper, options, new Resolver());
  }

  /** The root node of every document (null for an empty document). */
  List<Node> read(String content) {
    List<Node> documents = new ArrayList<>();
    try {
      for (Node node :
          yaml.composeAll(new StringReader(looksLikeJson(content) ? asYaml(content) : content))) {
        boolean empty = node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
        documents.add(empty ? null : node);
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw error(mark, syntaxProblem(e), e);
    } catch (YAMLException e) {
      throw new ManifestException(origin, 0, 0, "cannot read YAML: " + e.getMessage(), e);
    }
    return documents;
  }

  /**
   * The two places where JSON is not YAML: tabs as whitespace (JSON strings cannot hold a raw tab,
   * so every tab is whitespace) and the escape {@code \/} inside strings (it means {@code /}).
   */
  static String asYaml(String json) {
    StringBuilder out = new StringBuilder(json.length());
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString && c == '\\' && i + 1 < json.length()) {
        char next = json.charAt(++i);
        if (next == '/') {
          out.append('/');
        } else {
          out.append(c).append(next);
        }
      } else if (c == '"') {
        inString = !inString;
        out.append(c);
      } else {
        out.append(!inString && c == '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }

  private static boolean looksLikeJson(String content) {
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  /** The plain Java value of a node: maps, lists, strings, numbers, booleans and nulls. */
  Object toValue(Node node) {
    return new NodeValues(this).value(node, 0);
  }

  /** A standard scalar (str, int, float, bool, null) as SnakeYAML's safe constructor builds it. */
  Object standardScalar(ScalarNode node) {
    return scalars.standardScalar(node);
  }

  ManifestException error(Node node, String problem) {
    return error(node == null ? null : node.getStartMark(), problem, null);
  }

  ManifestException error(Mark mark, String problem, Throwable cause) {
    if (mark == null) {
      return new ManifestException(origin, 0, 0, problem, cause);
    }
    return new ManifestException(origin, mark.getLine() + 1, mark.getColumn() + 1, problem, cause);
  }

  /** The value node under a key of a mapping, or null. */
  static Node child(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
          return tuple.getValueNode();
        }
      }
    }
    return null;
  }

  /** The text of a scalar under a key, or null when absent or not a scalar. */
  static String text(Node node, String key) {
    return child(node, key) instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())
        ? scalar.getValue()
        : null;
  }

  private static String syntaxProblem(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
    String context = e.getContext();
    return "YAML syntax error: " + (context == null ? problem : context + ", " + problem);
  }

  /** SnakeYAML's safe constructor, used for standard scalars only (no custom types, ever). */
  private static final class ScalarConstructor extends SafeConstructor {
    ScalarConstructor(LoaderOptions options) {
      super(options);
    }

    Object standardScalar(ScalarNode node) {
      return constructObject(node);
    }
  }
}
