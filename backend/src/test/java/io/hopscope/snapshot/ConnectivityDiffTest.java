package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.bench.SyntheticClusters;
import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.connectivity.ConnectivityPeer;
import io.hopscope.fixtures.Fixtures;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.snapshot.SnapshotDiff.ChangedLine;
import io.hopscope.snapshot.SnapshotDiff.ConnectivityChange;
import io.hopscope.snapshot.SnapshotDiff.Line;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The group-wise connectivity diff equals comparing the two full connection lists pair by pair. */
class ConnectivityDiffTest {

  static List<String> scenarios() {
    return DemoScenarios.NAMES;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "policies added and removed, pods relabelled, workloads gone and new: the same as the full lists compared")
  void equalsFullComparison(String scenario) {
    ClusterState before = new DemoScenarios().load(scenario);
    String namespace =
        before.pods().stream()
            .filter(p -> !p.namespace().startsWith("kube"))
            .findFirst()
            .orElseThrow()
            .namespace();
    NetworkPolicy denyIngress =
        new NetworkPolicy(
            namespace,
            "deny-all-ingress",
            LabelSelector.everything(),
            List.of(NetworkPolicy.PolicyType.INGRESS),
            List.of(),
            List.of());
    List<UnaryOperator<ClusterState>> changes =
        List.of(
            s -> withPolicies(s, append(s.networkPolicies(), denyIngress)),
            s -> withPolicies(s, List.of()),
            s -> withPolicies(s, s.networkPolicies().subList(0, s.networkPolicies().size() / 2)),
            s -> withPods(s, relabelled(s.pods(), namespace)),
            s ->
                withPods(
                    s,
                    s.pods().stream()
                        .filter(p -> !p.ref().equals(firstIn(s, namespace).ref()))
                        .toList()),
            s -> withPods(s, append(s.pods(), renamed(firstIn(s, namespace), "brand-new"))));
    for (UnaryOperator<ClusterState> change : changes) {
      ClusterState after = change.apply(before);
      assertSameAsFullComparison(before, after);
      assertSameAsFullComparison(after, before);
    }
  }

  @Test
  @DisplayName(
      "the lists stop at the limit and count the rest, on a generated cluster of 1,000 pods")
  void longDiffsAreCut() {
    ClusterState before = SyntheticClusters.cluster(1_000);
    ClusterState after = withPolicies(before, List.of());
    ConnectivityChange expected = fullComparison(before, after);
    long total = expected.gained().size() + expected.lost().size() + expected.changed().size();
    assertThat(total).as("a diff longer than the limit").isGreaterThan(ConnectivityDiff.MAX_LINES);

    ConnectivityChange change = diff(before, after);

    long listed = change.gained().size() + change.lost().size() + change.changed().size();
    assertThat(listed).isEqualTo(ConnectivityDiff.MAX_LINES);
    assertThat(change.omitted()).isEqualTo(total - listed);
    assertThat(expected.gained()).containsAll(change.gained());
    assertThat(expected.changed()).containsAll(change.changed());
  }

  private static void assertSameAsFullComparison(ClusterState before, ClusterState after) {
    ConnectivityChange expected = fullComparison(before, after);
    ConnectivityChange actual = diff(before, after);
    assertThat(actual.gained()).isEqualTo(expected.gained());
    assertThat(actual.lost()).isEqualTo(expected.lost());
    assertThat(actual.changed()).isEqualTo(expected.changed());
    assertThat(actual.omitted()).isZero();
  }

  private static ConnectivityChange diff(ClusterState before, ClusterState after) {
    return ConnectivityDiff.between(analyze(before), analyze(after));
  }

  private static Connectivity analyze(ClusterState state) {
    return ConnectivityAnalyzer.analyze(PolicyEvaluator.of(state), false);
  }

  /** The reference: every workload pair of both states, compared one by one. */
  private static ConnectivityChange fullComparison(ClusterState before, ClusterState after) {
    Map<String, Line> was = lines(analyze(before));
    Map<String, Line> now = lines(analyze(after));
    List<Line> gained = new ArrayList<>();
    List<Line> lost = new ArrayList<>();
    List<ChangedLine> changed = new ArrayList<>();
    now.forEach(
        (pair, line) -> {
          Line old = was.get(pair);
          if (old == null) {
            gained.add(line);
          } else if (!old.connections().equals(line.connections())) {
            changed.add(
                new ChangedLine(line.from(), line.to(), old.connections(), line.connections()));
          }
        });
    was.forEach(
        (pair, line) -> {
          if (!now.containsKey(pair)) {
            lost.add(line);
          }
        });
    return new ConnectivityChange(gained, lost, changed, 0, "");
  }

  private static Map<String, Line> lines(Connectivity connectivity) {
    Map<String, Line> lines = new TreeMap<>();
    connectivity.forEachConnection(
        c -> {
          if (c.from() instanceof ConnectivityPeer.Workload
              && c.to() instanceof ConnectivityPeer.Workload) {
            lines.put(
                c.from().label() + "\u0000" + c.to().label(),
                new Line(c.from().label(), c.to().label(), c.connections().toString()));
          }
        });
    return lines;
  }

  private static Pod firstIn(ClusterState state, String namespace) {
    return state.pods().stream()
        .filter(p -> p.namespace().equals(namespace))
        .findFirst()
        .orElseThrow();
  }

  private static List<Pod> relabelled(List<Pod> pods, String namespace) {
    List<Pod> result = new ArrayList<>();
    boolean done = false;
    for (Pod p : pods) {
      if (!done && p.namespace().equals(namespace)) {
        Map<String, String> labels = new HashMap<>(p.labels());
        labels.replaceAll((k, v) -> v + "-moved");
        labels.put("relabelled", "yes");
        result.add(Fixtures.pod(p).labels(labels).build());
        done = true;
      } else {
        result.add(p);
      }
    }
    return result;
  }

  private static Pod renamed(Pod p, String name) {
    return Fixtures.pod(p)
        .name(name)
        .uid(p.uid() + "-new")
        .owner("Deployment", name)
        .ips("10.250.0.9")
        .build();
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> result = new ArrayList<>(list);
    result.add(item);
    return result;
  }

  private static ClusterState withPolicies(ClusterState s, List<NetworkPolicy> policies) {
    return Fixtures.cluster(s).policies(policies).build();
  }

  private static ClusterState withPods(ClusterState s, List<Pod> pods) {
    return Fixtures.cluster(s).pods(pods).build();
  }
}
