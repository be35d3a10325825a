package io.hopscope.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.GoldenFiles;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The topology overview of every bundled demo cluster, pinned by golden files. */
class TopologyDiagramDemoTest {

  static final java.util.List<String> SCENARIOS = DemoScenarios.NAMES;

  private static final DemoScenarios DEMO = new DemoScenarios();

  @ParameterizedTest(name = "{0}")
  @FieldSource("SCENARIOS")
  @DisplayName("the demo cluster's overview draws every node and pod, as in its golden file")
  void demoScenario(String scenario) throws Exception {
    ClusterState state = DEMO.load(scenario);
    TopologyDiagram.Result result = TopologyDiagram.render(state);

    assertThat(result.detail()).isEqualTo(TopologyDiagram.Detail.PODS);
    assertThat(result.pods()).isEqualTo(state.pods().size());
    for (Node node : state.nodes()) {
      assertThat(result.mermaid()).contains("node " + node.name());
    }
    assertThat(result.mermaid()).isEqualTo(TopologyDiagram.render(DEMO.load(scenario)).mermaid());
    GoldenFiles.assertMatches(
        GoldenFiles.ROOT.resolve("diagram").resolve("demo-" + scenario + ".mmd"), result.mermaid());
  }
}
