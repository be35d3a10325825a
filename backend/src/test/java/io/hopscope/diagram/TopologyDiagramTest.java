package io.hopscope.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.GoldenFiles;
import io.hopscope.diagram.TopologyDiagram.Detail;
import io.hopscope.diagram.TopologyDiagram.Filter;
import io.hopscope.diagram.TopologyDiagram.Result;
import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopologyDiagramTest {

  @Test
  @DisplayName("the three-node Flannel cluster is drawn pod by pod, as in the golden file")
  void threeNodeFlannelGolden() throws Exception {
    Result result = TopologyDiagram.render(TopologyFixtures.threeNodeFlannel());

    assertThat(result.detail()).isEqualTo(Detail.PODS);
    assertThat(result.nodes()).isEqualTo(3);
    assertThat(result.pods()).isEqualTo(8);
    GoldenFiles.assertMatches(
        GoldenFiles.ROOT.resolve("diagram").resolve("fixture-flannel.mmd"), result.mermaid());
  }

  @Test
  @DisplayName("a namespace filter keeps only that namespace's pods and the nodes they run on")
  void namespaceFilter() throws Exception {
    Result result =
        TopologyDiagram.render(TopologyFixtures.threeNodeFlannel(), new Filter("payments", ""));

    assertThat(result.pods()).isEqualTo(1);
    assertThat(result.nodes()).isEqualTo(1);
    assertThat(result.mermaid())
        .contains("api-1")
        .doesNotContain("web-1")
        .doesNotContain("worker-1");
    GoldenFiles.assertMatches(
        GoldenFiles.ROOT.resolve("diagram").resolve("fixture-flannel-ns-payments.mmd"),
        result.mermaid());
  }

  @Test
  @DisplayName("a node filter keeps only that node, its devices and its pods")
  void nodeFilter() throws Exception {
    Result result =
        TopologyDiagram.render(TopologyFixtures.threeNodeFlannel(), new Filter("", "worker-2"));

    assertThat(result.nodes()).isEqualTo(1);
    assertThat(result.mermaid())
        .contains("web-2", "api-1")
        .doesNotContain("web-1 ", "worker-3", "unscheduled")
        .doesNotContain("overlay");
    GoldenFiles.assertMatches(
        GoldenFiles.ROOT.resolve("diagram").resolve("fixture-flannel-node-worker-2.mmd"),
        result.mermaid());
  }

  @Test
  @DisplayName("an unknown namespace or node gives an empty diagram, not an error")
  void unknownFilter() {
    Result result =
        TopologyDiagram.render(TopologyFixtures.threeNodeFlannel(), new Filter("nope", "none"));

    assertThat(result.pods()).isZero();
    assertThat(result.nodes()).isZero();
    assertThat(result.mermaid()).startsWith("flowchart LR\n");
  }

  @Test
  @DisplayName(
      "tunnel peers between nodes meet in one overlay box, the nodes joined by the underlay")
  void tunnelPeers() {
    String mermaid = TopologyDiagram.render(TopologyFixtures.threeNodeFlannel()).mermaid();

    assertThat(mermaid).contains("([\"vxlan overlay · full mesh of 3 tunnel endpoints\"])");
    assertThat(countLines(mermaid, "-.->")).isEqualTo(3);
    assertThat(countLines(mermaid, "==>")).isEqualTo(3);
    assertThat(mermaid).contains("flannel.1 vxlan VNI 1 UDP 8472", "cni0 bridge · 10.244.0.2/24");
  }

  @Test
  @DisplayName("host-network pods share one box per node, attached to the uplink")
  void hostNetworkPods() {
    String mermaid = TopologyDiagram.render(TopologyFixtures.threeNodeFlannel()).mermaid();

    assertThat(mermaid).contains("(\"host network · 1 pod: kube-flannel-ds-a\"):::hostpod");
    String hostBox =
        mermaid.lines().filter(l -> l.contains("host network")).findFirst().orElseThrow().trim();
    String uplink =
        mermaid
            .lines()
            .filter(l -> l.contains("eth0 uplink · 10.0.0.11/24"))
            .findFirst()
            .orElseThrow()
            .trim();
    String hostId = hostBox.substring(0, hostBox.indexOf('('));
    String uplinkId = uplink.substring(0, uplink.indexOf('['));
    assertThat(mermaid).contains(hostId + " --> " + uplinkId + "\n");
  }

  @Test
  @DisplayName("input order does not change the output")
  void deterministic() {
    ClusterState state = TopologyFixtures.threeNodeFlannel();
    Random random = new Random(7);
    for (int i = 0; i < 5; i++) {
      ClusterState shuffled =
          Fixtures.cluster(state)
              .nodes(shuffle(state.nodes(), random))
              .namespaces(shuffle(state.namespaces(), random))
              .pods(shuffle(state.pods(), random))
              .interfaces(shuffle(state.interfaces(), random))
              .links(shuffle(state.links(), random))
              .build();
      assertThat(TopologyDiagram.render(shuffled).mermaid())
          .isEqualTo(TopologyDiagram.render(state).mermaid());
    }
  }

  @Test
  @DisplayName("hostile image names reach the diagram only as Mermaid entity codes")
  void hostileText() {
    String mermaid = TopologyDiagram.render(TopologyFixtures.hostile()).mermaid();

    assertThat(mermaid)
        .contains("#lt;img src=x onerror=alert#40;1#41;#gt;")
        .contains(
            "a#93;--#gt;b#91;#quot;x#quot;#93; #35;quot#59; #37;#37;#123;init: #123;#125;#125;#37;#37; #96;md#96; #amp; #lt;b#gt;bol…")
        .doesNotContain("<img", "<b>", "%%{");
    for (String line : mermaid.split("\n")) {
      String withoutLabels = line.replaceAll("\"[^\"]*\"", "\"\"");
      assertThat(withoutLabels).as(line).doesNotContain("<", ">\"", "#lt;");
    }
  }

  @Test
  @DisplayName("a namespace with more than 8 pods on one node becomes one count box")
  void crowdedNamespaceIsCounted() {
    Result result = TopologyDiagram.render(TopologyFixtures.large(1, 1, 9));

    assertThat(result.detail()).isEqualTo(Detail.PODS);
    assertThat(result.mermaid()).contains("(\"9 pods\")").doesNotContain("pod-3");
    assertThat(result.notes()).anyMatch(n -> n.contains("drawn as pod counts"));
  }

  @ParameterizedTest(name = "{0} nodes, {1} namespaces, {2} pods: {3}")
  @CsvSource({
    "3, 4, 24, PODS",
    "10, 2, 10000, PODS",
    "10, 10, 500, NAMESPACES",
    "20, 5, 10000, PODS",
    "100, 40, 10000, NODES",
    "100, 400, 10000, NODES",
    "400, 100, 10000, NODES",
    "1, 1000, 10000, NODES"
  })
  @DisplayName("large clusters are aggregated and stay under 500 edges and 50,000 characters")
  void largeClustersStayUnderMermaidLimits(int nodes, int namespaces, int pods, Detail expected) {
    Result result = TopologyDiagram.render(TopologyFixtures.large(nodes, namespaces, pods));

    assertThat(result.detail()).isEqualTo(expected);
    assertThat(result.edges()).isLessThan(TopologyDiagram.MAX_EDGES);
    assertThat(result.mermaid().length()).isLessThan(TopologyDiagram.MAX_CHARS);
    assertThat(
            countLines(result.mermaid(), "-->")
                + countLines(result.mermaid(), "-.->")
                + countLines(result.mermaid(), "==>"))
        .isEqualTo(result.edges());
    assertThat(result.pods()).isEqualTo(pods);
    assertThat(result.nodes()).isEqualTo(Math.min(nodes, TopologyDiagram.MAX_NODES));
  }

  @Test
  @DisplayName("nodes beyond the drawing limit are summed up in one box with their pod count")
  void hiddenNodes() {
    Result result = TopologyDiagram.render(TopologyFixtures.large(50, 5, 500));

    assertThat(result.mermaid())
        .contains("+ 10 more nodes · 100 pods")
        .contains("vxlan overlay · full mesh of 40 tunnel endpoints");
    assertThat(result.notes()).anyMatch(n -> n.contains("first 40 nodes"));
  }

  private static long countLines(String text, String needle) {
    return text.lines().filter(line -> line.contains(needle)).count();
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }
}
