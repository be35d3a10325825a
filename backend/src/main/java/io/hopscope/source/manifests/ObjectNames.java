package io.hopscope.source.manifests;

import org.yaml.snakeyaml.nodes.Node;

/** Rejects objects whose name or namespace is not a valid Kubernetes name, pointing at the line. */
final class ObjectNames {

  private ObjectNames() {}

  static void validate(YamlDocuments yaml, Node object, String kind) {
    Node metadata = YamlDocuments.child(object, "metadata");
    String name = YamlDocuments.text(metadata, "name");
    if (name == null) {
      throw yaml.error(metadata == null ? object : metadata, kind + " has no metadata.name");
    }
    boolean valid = ManifestKinds.nameIsLabel(kind) ? KubernetesNames.isLabel(name) : KubernetesNames.isSubdomain(name);
    if (!valid) {
      throw yaml.error(YamlDocuments.child(metadata, "name"), kind + " name '" + printable(name) + "' is not a valid Kubernetes name: "
          + (ManifestKinds.nameIsLabel(kind)
              ? "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"
              : "use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"));
    }
    String namespace = YamlDocuments.text(metadata, "namespace");
    if (namespace != null && !namespace.isEmpty() && !ManifestKinds.isClusterScoped(kind) && !KubernetesNames.isLabel(namespace)) {
      throw yaml.error(YamlDocuments.child(metadata, "namespace"), kind + " " + name + ": namespace '" + printable(namespace)
          + "' is not a valid Kubernetes namespace name: use at most 63 lowercase letters, digits and '-'");
    }
  }

  /** Names go into messages that end up in logs and pages: keep them short and on one line. */
  private static String printable(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
  }
}
