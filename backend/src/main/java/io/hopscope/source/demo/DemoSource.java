package io.hopscope.source.demo;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import java.util.ArrayList;
import java.util.List;

/** One bundled demo cluster, loaded once at startup through the manifests code path. */
public final class DemoSource implements ClusterSource {

  private final ClusterState state;
  private final SourceStatus status;

  /**
   * @param messages what the user should know, e.g. why the demo is shown instead of a live cluster
   * @throws IllegalArgumentException for an unknown scenario (the message lists the valid names)
   */
  public DemoSource(DemoScenarios scenarios, String scenario, List<String> messages) {
    this.state = scenarios.load(scenario);
    List<String> all = new ArrayList<>(messages);
    all.add("Demo cluster '" + state.source().name() + "': " + state.network().plugin() + " " + state.network().mode()
        + ", " + state.nodes().size() + " nodes, " + state.pods().size() + " pods");
    this.status = new SourceStatus("demo", state.source().name(), "", "UP", all);
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
