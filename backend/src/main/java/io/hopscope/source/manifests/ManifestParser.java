package io.hopscope.source.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads Kubernetes manifests as {@code kubectl get -o yaml|json} writes them: multi-document YAML,
 * JSON, {@code List} and {@code *List} wrappers. Keeps the kinds Hopscope uses, counts the others,
 * and skips documents that are not manifests with a warning.
 */
public final class ManifestParser {

  /** Upper bound of a single file, in bytes. */
  public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

  /** Upper bound of all objects kept from one input. */
  public static final int MAX_OBJECTS = 200_000;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  /** Parses one file's (or upload's) content; {@code origin} names it in messages. */
  public ParsedManifests parse(String origin, String content) {
    return new Document(origin).parse(content);
  }

  /** Parses a file, or a directory recursively (.yaml, .yml, .json, in sorted order). */
  public ParsedManifests parseTree(Path fileOrDirectory) {
    if (!Files.exists(fileOrDirectory)) {
      throw new ManifestException(fileOrDirectory.toString(), 0, 0, "no such file or directory");
    }
    if (Files.isRegularFile(fileOrDirectory)) {
      return parseFile(fileOrDirectory);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(fileOrDirectory)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new ManifestException(
          fileOrDirectory.toString(), 0, 0, "cannot read directory: " + e.getMessage(), e);
    }
    ParsedManifests result = ParsedManifests.empty();
    for (Path file : files) {
      if (isManifestFile(file)) {
        result = result.merge(parseFile(file));
        requireObjectLimit(fileOrDirectory.toString(), result.objects().size());
      } else {
        result =
            result.merge(
                new ParsedManifests(
                    List.of(),
                    List.of(file + ": not a .yaml, .yml or .json file; skipped"),
                    Map.of()));
      }
    }
    return result;
  }

  static boolean isManifestFile(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private ParsedManifests parseFile(Path file) {
    String origin = file.toString();
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ManifestException(
            origin, 0, 0, "file is " + size + " bytes; the limit is " + MAX_FILE_BYTES);
      }
      return parse(origin, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ManifestException(origin, 0, 0, "cannot read file: " + e.getMessage(), e);
    }
  }

  private static void requireObjectLimit(String origin, int count) {
    if (count > MAX_OBJECTS) {
      throw new ManifestException(
          origin, 0, 0, "more than " + MAX_OBJECTS + " objects; the limit is " + MAX_OBJECTS);
    }
  }

  /** The state of parsing one origin. */
  private static final class Document {
    private final String origin;
    private final YamlDocuments yaml;
    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, Integer> ignoredKinds = new TreeMap<>();

    Document(String origin) {
      this.origin = origin;
      this.yaml = new YamlDocuments(origin);
    }

    ParsedManifests parse(String content) {
      List<Node> roots = yaml.read(content);
      for (int i = 0; i < roots.size(); i++) {
        Node root = roots.get(i);
        if (root != null) {
          readDocument(root, i + 1);
        }
      }
      requireObjectLimit(origin, objects.size());
      return new ParsedManifests(objects, warnings, ignoredKinds);
    }

    private void readDocument(Node root, int number) {
      String where =
          origin + " (document " + number + ", line " + (root.getStartMark().getLine() + 1) + ")";
      if (!(root instanceof MappingNode)) {
        warnings.add(where + ": not a Kubernetes manifest (no apiVersion and kind); skipped");
        return;
      }
      String apiVersion = YamlDocuments.text(root, "apiVersion");
      String kind = YamlDocuments.text(root, "kind");
      if (apiVersion == null || kind == null) {
        warnings.add(where + ": not a Kubernetes manifest (no apiVersion and kind); skipped");
        return;
      }
      if (kind.endsWith("List")
          && YamlDocuments.child(root, "items") instanceof SequenceNode items) {
        String itemKind =
            kind.equals("List") ? null : kind.substring(0, kind.length() - "List".length());
        List<Node> list = items.getValue();
        for (int i = 0; i < list.size(); i++) {
          readObject(list.get(i), apiVersion, itemKind, where, "document " + number + " item " + i);
        }
        return;
      }
      readObject(root, apiVersion, kind, where, "document " + number);
    }

    /** One object; list items may leave apiVersion and kind to their list. */
    private void readObject(
        Node node, String defaultApiVersion, String defaultKind, String where, String document) {
      if (!(node instanceof MappingNode)) {
        warnings.add(where + ": a list item is not an object; skipped");
        return;
      }
      String kind = YamlDocuments.text(node, "kind");
      kind = kind == null ? defaultKind : kind;
      if (kind == null) {
        warnings.add(where + ": a list item has no kind; skipped");
        return;
      }
      String apiVersion = YamlDocuments.text(node, "apiVersion");
      Class<? extends HasMetadata> type =
          ManifestKinds.modelClass(apiVersion == null ? defaultApiVersion : apiVersion, kind);
      if (type == null) {
        ignoredKinds.merge(kind, 1, Integer::sum);
        return;
      }
      ObjectNames.validate(yaml, node, kind, warnings);
      String subject = document + ", " + kind + " " + nameOf(node);
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) yaml.toValue(node);
      FieldPath.Problem misplacedNull = ObjectShape.firstProblem(kind, map);
      if (misplacedNull != null) {
        throw fieldError(node, subject, misplacedNull);
      }
      map.putIfAbsent("apiVersion", defaultApiVersion);
      map.put("kind", kind);
      ObjectTrimming.trim(map);
      objects.add(convert(map, type, node, subject));
    }

    /** {@code namespace/name}, or the name alone for cluster-scoped objects. */
    private static String nameOf(Node object) {
      Node metadata = YamlDocuments.child(object, "metadata");
      String namespace = YamlDocuments.text(metadata, "namespace");
      String name = YamlDocuments.text(metadata, "name");
      return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private ManifestException fieldError(Node object, String subject, FieldPath.Problem problem) {
      return yaml.error(
          problem.path().locate(object), subject + ": " + problem.path() + " " + problem.what());
    }

    private HasMetadata convert(
        Map<String, Object> map, Class<? extends HasMetadata> type, Node node, String subject) {
      try {
        return SERIALIZATION.convertValue(map, type);
      } catch (RuntimeException e) {
        FieldPath path = JacksonPaths.of(e);
        String what = "is not valid: " + firstLine(JacksonPaths.originalMessage(e));
        if (path == null || path.steps().isEmpty()) {
          throw yaml.error(node, subject + " " + what);
        }
        throw fieldError(node, subject, path.problem(what));
      }
    }

    private static String firstLine(String message) {
      if (message == null) {
        return "unreadable field";
      }
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }
}
