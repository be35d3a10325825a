package io.hopscope.source.manifests;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.source.StaticClusterSource;
import io.hopscope.topology.ClusterState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A manifests file or directory, read once at startup ({@code hopscope.source=manifests}). */
public final class ManifestsSource {

  private ManifestsSource() {}

  /**
   * @throws ManifestException when the path cannot be read or holds invalid manifests
   */
  public static ClusterSource load(ManifestsLoader loader, Path path) {
    ClusterState state = loader.load(path);
    List<String> messages = new ArrayList<>();
    messages.add(
        "Manifests from "
            + path
            + ": "
            + state.nodes().size()
            + " nodes, "
            + state.pods().size()
            + " pods, "
            + state.services().size()
            + " services, "
            + state.networkPolicies().size()
            + " network policies");
    int warnings = state.source().warnings().size();
    if (warnings > 0) {
      messages.add(warnings + " warning(s) while reading; see source.warnings");
    }
    // Skipped documents are worth reading but do not make the state less true: still UP.
    return new StaticClusterSource(
        state, new SourceStatus("manifests", path.toString(), "", "UP", messages));
  }
}
