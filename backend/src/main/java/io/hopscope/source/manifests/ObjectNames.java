package io.hopscope.source.manifests;

import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Rejects objects whose name or namespace is not a valid Kubernetes name, pointing at the line.
 * NetworkPolicy names with '_' (seen in real dumps and accepted by netpol-analyzer) are kept with a
 * warning: they are never used to address an endpoint.
 */
final class ObjectNames {

  private static final String LABEL_RULE =
      "use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit";
  private static final String SUBDOMAIN_RULE =
      "use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";

  private ObjectNames() {}

  static void validate(YamlDocuments yaml, Node object, String kind, List<String> warnings) {
    Node metadata = YamlDocuments.child(object, "metadata");
    String name = YamlDocuments.text(metadata, "name");
    if (name == null) {
      throw yaml.error(metadata == null ? object : metadata, kind + " has no metadata.name");
    }
    boolean label = ManifestKinds.nameIsLabel(kind);
    boolean valid = label ? KubernetesNames.isLabel(name) : KubernetesNames.isSubdomain(name);
    Node nameNode = YamlDocuments.child(metadata, "name");
    if (!valid && kind.equals("NetworkPolicy") && KubernetesNames.isLenientName(name)) {
      warnings.add(
          yaml.error(
                  nameNode,
                  "NetworkPolicy name '"
                      + name
                      + "' is not a DNS-1123 subdomain (it contains '_'); kept")
              .getMessage());
    } else if (!valid) {
      throw yaml.error(
          nameNode,
          kind
              + " name '"
              + printable(name)
              + "' is not a valid Kubernetes name: "
              + (label ? LABEL_RULE : SUBDOMAIN_RULE));
    }
    String namespace = YamlDocuments.text(metadata, "namespace");
    if (namespace != null
        && !namespace.isEmpty()
        && !ManifestKinds.isClusterScoped(kind)
        && !KubernetesNames.isLabel(namespace)) {
      throw yaml.error(
          YamlDocuments.child(metadata, "namespace"),
          kind
              + " "
              + printable(name)
              + ": namespace '"
              + printable(namespace)
              + "' is not a valid Kubernetes namespace name: "
              + LABEL_RULE);
    }
  }

  /** Names go into messages that end up in logs and pages: keep them short and on one line. */
  private static String printable(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine;
  }
}
