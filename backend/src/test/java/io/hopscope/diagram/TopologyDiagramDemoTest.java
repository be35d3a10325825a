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

  @org.junit.jupiter.api.Test
  @DisplayName("host-gw draws each node's routed pod CIDR on the edge to its uplink")
  void hostGwRoutes() throws Exception {
    ClusterState state = DEMO.load("flannel-host-gw");
    String mermaid = TopologyDiagram.render(state).mermaid();

    assertThat(mermaid).contains("host-gw routes");
    for (Node node : state.nodes()) {
      for (String cidr : node.podCidrs()) {
        assertThat(mermaid).containsPattern("-\\.->\\|\"" + java.util.regex.Pattern.quote(cidr));
      }
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName(
      "Calico BGP draws every node's /26 blocks (its block affinities), not the pods' /32s")
  void calicoBgpBlocks() throws Exception {
    String mermaid = TopologyDiagram.render(DEMO.load("calico-bgp")).mermaid();

    assertThat(mermaid)
        .contains("BGP routes")
        .contains("\"192.168.97.64/26\"")
        .contains("\"192.168.141.0/26\"")
        .contains("\"192.168.203.128/26\"");
    assertThat(TopologyDiagram.render(DEMO.load("calico-ipip")).mermaid())
        .doesNotContain("BGP routes");
    assertThat(TopologyDiagram.render(DEMO.load("flannel-vxlan")).mermaid())
        .doesNotContain("routes");
  }
}
