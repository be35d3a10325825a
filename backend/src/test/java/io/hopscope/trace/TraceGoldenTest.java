package io.hopscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.GoldenFiles;
import io.hopscope.diagram.PolicyDiagram;
import io.hopscope.diagram.TraceDiagram;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every trace case on every demo cluster against golden files under {@code
 * src/test/resources/golden/trace/<scenario>/}: the hop table ({@code <case>.txt}), the path
 * diagram ({@code <case>.mmd}) and the policy diagram ({@code <case>.policy.mmd}). Rewrite them
 * deliberately with {@code -Dgolden.update=true}.
 */
class TraceGoldenTest {

  private static final Path DIR = Path.of("src/test/resources/golden/trace");
  private static final Map<String, ClusterState> STATES = new HashMap<>();
  private static final Map<String, PacketTracer> TRACERS = new HashMap<>();

  static synchronized PacketTracer tracer(String scenario) {
    return TRACERS.computeIfAbsent(
        scenario,
        s -> {
          ClusterState state = STATES.computeIfAbsent(s, new DemoScenarios()::load);
          return PacketTracer.of(state, PolicyEvaluator.of(state));
        });
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String scenario : DemoScenarios.NAMES) {
      tracer(scenario);
      for (DemoCases.Case c : DemoCases.of(STATES.get(scenario))) {
        out.add(Arguments.of(scenario, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  @DisplayName("each case on each demo cluster matches its golden hop table and diagrams")
  void golden(String scenario, DemoCases.Case c) throws IOException {
    Trace trace =
        tracer(scenario).trace(TraceRequest.parse(c.from(), c.to(), c.port(), c.protocol()));
    Path dir = DIR.resolve(scenario);
    GoldenFiles.assertMatches(dir.resolve(c.name() + ".txt"), TraceText.of(trace));
    GoldenFiles.assertMatches(dir.resolve(c.name() + ".mmd"), TraceDiagram.render(trace));
    GoldenFiles.assertMatches(
        dir.resolve(c.name() + ".policy.mmd"), PolicyDiagram.render(trace.policy()));
  }

  @Test
  @DisplayName(
      "on the default demo, pods across nodes cross flannel.1 and the redis policy drops web but admits cart")
  void defaultDemoStory() {
    ClusterState state = STATES.computeIfAbsent(DemoScenarios.DEFAULT, new DemoScenarios()::load);
    Map<String, Trace> traces = new HashMap<>();
    for (DemoCases.Case c : DemoCases.of(state)) {
      traces.put(
          c.name(),
          tracer(DemoScenarios.DEFAULT)
              .trace(TraceRequest.parse(c.from(), c.to(), c.port(), c.protocol())));
    }
    assertThat(traces.get("pod-across-nodes").hops())
        .anyMatch(h -> h.device().equals("flannel.1") && h.action() == Action.ENCAPSULATED);
    assertThat(traces.get("pod-across-nodes").verdict()).isEqualTo(TraceVerdict.ALLOWED);
    assertThat(traces.get("policy-denied-ingress").verdict()).isEqualTo(TraceVerdict.DENIED);
    assertThat(
            traces
                .get("policy-denied-ingress")
                .hops()
                .get(traces.get("policy-denied-ingress").hops().size() - 1)
                .detail())
        .contains("shop/redis-allow-backend");
    assertThat(traces.get("policy-allowed-redis").verdict()).isEqualTo(TraceVerdict.ALLOWED);
    assertThat(traces.get("policy-denied-egress").verdict()).isEqualTo(TraceVerdict.DENIED);
    assertThat(traces.get("service-no-ready-endpoints").verdict())
        .isEqualTo(TraceVerdict.UNREACHABLE);
    assertThat(traces.get("sidecar").hops())
        .anyMatch(h -> h.component() == Component.SIDECAR && h.detail().contains("linkerd"));
    assertThat(traces.get("containers-one-pod").hops())
        .anyMatch(h -> h.component() == Component.LOOPBACK);
  }
}
