package io.hopscope.source.demo;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.source.StaticClusterSource;
import io.hopscope.topology.ClusterState;
import java.util.ArrayList;
import java.util.List;

/** One bundled demo cluster, loaded once at startup through the manifests code path. */
public final class DemoSource {

  private DemoSource() {}

  /**
   * @param messages what the user should know, e.g. why the demo is shown instead of a live cluster
   * @throws IllegalArgumentException for an unknown scenario (the message lists the valid names)
   */
  public static ClusterSource load(
      DemoScenarios scenarios, String scenario, List<String> messages) {
    ClusterState state = scenarios.load(scenario);
    List<String> all = new ArrayList<>(messages);
    all.add(
        "Demo cluster '"
            + state.source().name()
            + "': "
            + state.network().plugin()
            + " "
            + state.network().mode()
            + ", "
            + state.nodes().size()
            + " nodes, "
            + state.pods().size()
            + " pods");
    return new StaticClusterSource(
        state, new SourceStatus("demo", state.source().name(), "", "UP", all));
  }
}
