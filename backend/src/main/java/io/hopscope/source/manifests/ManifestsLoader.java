package io.hopscope.source.manifests;

import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.nio.file.Path;
import java.time.Clock;

/** Manifests to a {@link ClusterState}: {@link ManifestParser} then {@link ClusterAssembler}. */
public final class ManifestsLoader {

  private final ManifestParser parser = new ManifestParser();
  private final Clock clock;

  public ManifestsLoader(Clock clock) {
    this.clock = clock;
  }

  public ManifestsLoader() {
    this(Clock.systemUTC());
  }

  /** Reads a file or a directory (recursively) into a state of kind {@code manifests}. */
  public ClusterState load(Path fileOrDirectory) {
    return assemble(parser.parseTree(fileOrDirectory), "manifests", fileOrDirectory.toString());
  }

  /**
   * Turns parsed manifests into a state.
   *
   * @param kind the source kind (manifests, demo, snapshot)
   * @param name the path, scenario or upload name
   * @throws ManifestException when an object cannot be translated
   */
  public ClusterState assemble(ParsedManifests parsed, String kind, String name) {
    SourceInfo source =
        new SourceInfo(kind, name, "", clock.instant(), parsed.warnings(), parsed.ignoredKinds());
    try {
      return ClusterAssembler.assemble(parsed.objects(), source);
    } catch (IllegalArgumentException e) {
      throw new ManifestException(name, 0, 0, e.getMessage(), e);
    }
  }
}
