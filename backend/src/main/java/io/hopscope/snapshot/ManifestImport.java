package io.hopscope.snapshot;

import io.hopscope.source.manifests.ManifestException;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.ClusterState;
import org.springframework.stereotype.Component;

/**
 * Kubernetes manifests (YAML or JSON, as {@code kubectl get -o yaml|json} writes them) to a state,
 * through the manifests source's parser (with its YAML alias and nesting limits) and assembler.
 */
@Component
class ManifestImport {

  private final ManifestParser parser = new ManifestParser();
  private final ManifestsLoader loader = new ManifestsLoader();

  SnapshotImporter.Imported read(String origin, String text) {
    try {
      ParsedManifests parsed = parser.parse(origin, text);
      if (parsed.objects().isEmpty()) {
        throw new SnapshotImportException(
            origin,
            0,
            0,
            "no Kubernetes objects Hopscope uses (nodes, pods, Services, NetworkPolicies ...) in the upload",
            null);
      }
      ClusterState state = loader.assemble(parsed, "import", origin);
      return new SnapshotImporter.Imported(state, null, state.source().warnings());
    } catch (ManifestException e) {
      throw new SnapshotImportException(e.origin(), e.line(), e.column(), e.problem(), e);
    }
  }
}
