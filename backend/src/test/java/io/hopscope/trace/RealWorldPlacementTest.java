package io.hopscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input of the real-world corpus that holds pods or workloads (none has Node objects): every
 * pod is placed on a node of the state, every node is assumed, and a trace between two of its pods
 * is never refused for want of a node.
 */
class RealWorldPlacementTest {

  static Stream<Path> inputs() throws IOException {
    Path corpus = ClusterDirectories.realWorld();
    try (Stream<Path> dirs = Files.walk(corpus, 2)) {
      return dirs
          .filter(Files::isDirectory)
          .filter(d -> !d.equals(corpus) && !d.startsWith(corpus.resolve("flows")))
          .filter(RealWorldPlacementTest::holdsYaml)
          .sorted()
          .toList()
          .stream();
    }
  }

  private static boolean holdsYaml(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void everyPodIsPlacedAndTraceable(Path input) {
    ClusterState state = new ManifestsLoader().load(input);
    Set<String> nodes = state.nodes().stream().map(Node::name).collect(Collectors.toSet());
    assertThat(state.nodes()).allMatch(Node::assumed);
    assertThat(state.pods())
        .filteredOn(p -> !"Pending".equals(p.phase()))
        .allSatisfy(p -> assertThat(nodes).as(p.ref().toString()).contains(p.nodeName()));
    var traceable =
        state.pods().stream().filter(p -> !p.hostNetwork() && !p.nodeName().isEmpty()).toList();
    if (traceable.size() >= 2) {
      Pod from = traceable.get(0);
      Pod to = traceable.get(traceable.size() - 1);
      Trace t =
          PacketTracer.of(state, io.hopscope.policy.PolicyEvaluator.of(state))
              .trace(TraceRequest.parse(from.ref().toString(), to.ref().toString(), "80", null));
      assertThat(t.reason()).doesNotContain("not scheduled");
      assertThat(t.hops()).anyMatch(Hop::onAssumedNode);
    }
  }
}
