package io.hopscope.source.manifests;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A manifests file or directory, read once at startup ({@code hopscope.source=manifests}). */
public final class ManifestsSource implements ClusterSource {

  private final ClusterState state;
  private final SourceStatus status;

  /** @throws ManifestException when the path cannot be read or holds invalid manifests */
  public ManifestsSource(ManifestsLoader loader, Path path) {
    this.state = loader.load(path);
    List<String> messages = new ArrayList<>();
    messages.add("Manifests from " + path + ": " + state.nodes().size() + " nodes, " + state.pods().size() + " pods, "
        + state.services().size() + " services, " + state.networkPolicies().size() + " network policies");
    int warnings = state.source().warnings().size();
    if (warnings > 0) {
      messages.add(warnings + " warning(s) while reading; see source.warnings");
    }
    // Skipped documents are worth reading but do not make the state less true: still UP.
    this.status = new SourceStatus("manifests", path.toString(), "", "UP", messages);
  }

  @Override
  public ClusterState current() {
    return state;
  }

  @Override
  public SourceStatus status() {
    return status;
  }
}
