package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo story's NetworkPolicies say what the demo README promises, in every scenario: redis only
 * for role=backend, payments default-deny with its exceptions, Prometheus egress without DNS.
 */
class DemoStoryPolicyTest {

  private static final Map<String, PolicyEvaluator> EVALUATORS = new ConcurrentHashMap<>();

  /**
   * from workload, to workload, port, protocol, allowed, why. Workloads are ns/name-prefix; redis-1
   * is exact.
   */
  private static final List<Object[]> STORY =
      List.of(
          new Object[] {
            "shop/web", "shop/redis-0", 6379, Protocol.TCP, false, "web is not role=backend"
          },
          new Object[] {
            "shop/cart", "shop/redis-0", 6379, Protocol.TCP, true, "cart is role=backend"
          },
          new Object[] {
            "shop/checkout", "shop/redis-1", 6379, Protocol.TCP, true, "checkout is role=backend"
          },
          new Object[] {
            "shop/redis-0",
            "shop/redis-1",
            6379,
            Protocol.TCP,
            false,
            "redis itself is role=frontend"
          },
          new Object[] {
            "shop/web", "shop/cart", 8080, Protocol.TCP, true, "no policy selects cart"
          },
          new Object[] {
            "shop/checkout", "payments/ledger", 8080, Protocol.TCP, true, "allow-checkout"
          },
          new Object[] {
            "shop/checkout",
            "payments/ledger",
            9102,
            Protocol.TCP,
            false,
            "allow-checkout is TCP 8080 only"
          },
          new Object[] {
            "shop/web", "payments/ledger", 8080, Protocol.TCP, false, "default-deny-all"
          },
          new Object[] {
            "payments/ledger",
            "payments/ledger-db-0",
            5432,
            Protocol.TCP,
            true,
            "ledger-to-db + db-allow-ledger"
          },
          new Object[] {
            "payments/ledger", "kube-system/coredns", 53, Protocol.UDP, true, "allow-dns-egress"
          },
          new Object[] {
            "payments/ledger-db-0",
            "kube-system/coredns",
            53,
            Protocol.TCP,
            true,
            "allow-dns-egress"
          },
          new Object[] {
            "payments/ledger", "shop/cart", 8080, Protocol.TCP, false, "payments egress is isolated"
          },
          new Object[] {
            "monitoring/prometheus",
            "payments/ledger",
            9102,
            Protocol.TCP,
            true,
            "scrape on the named port metrics"
          },
          new Object[] {
            "monitoring/prometheus",
            "kube-system/coredns",
            53,
            Protocol.UDP,
            false,
            "prometheus-egress has no DNS exception"
          },
          new Object[] {
            "monitoring/prometheus",
            "shop/cart",
            8080,
            Protocol.TCP,
            true,
            "prometheus-egress allows TCP 8080 anywhere"
          });

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (String scenario : DemoScenarioFiles.scenarioNames()) {
      for (Object[] row : STORY) {
        all.add(Arguments.of(scenario, row[0], row[1], row[2], row[3], row[4], row[5]));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0}: {1} -> {2} {3}/{4} allowed={5} ({6})")
  @DisplayName("the demo story's connections get the verdicts the demo README promises")
  @MethodSource("cases")
  void storyVerdicts(
      String scenario,
      String from,
      String to,
      int port,
      Protocol protocol,
      boolean allowed,
      String why) {
    PolicyEvaluator evaluator =
        EVALUATORS.computeIfAbsent(scenario, s -> PolicyEvaluator.of(new DemoScenarios().load(s)));
    ClusterState state = evaluator.state();
    Verdict verdict =
        evaluator.evaluate(
            new PolicyQuery(
                new PolicyEndpoint.PodPeer(pod(state, from)),
                new PolicyEndpoint.PodPeer(pod(state, to)),
                port,
                protocol,
                true));
    assertThat(verdict.allowed()).as(verdict.explanation()).isEqualTo(allowed);
  }

  /** The pod named exactly, or the first pod of the workload (name + "-" prefix) in name order. */
  private static Pod pod(ClusterState state, String ref) {
    String ns = ref.substring(0, ref.indexOf('/'));
    String name = ref.substring(ref.indexOf('/') + 1);
    return state.pods().stream()
        .filter(p -> p.namespace().equals(ns))
        .filter(
            p ->
                p.name().equals(name)
                    || p.name()
                        .matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]+(-[a-z0-9]{5})?"))
        .sorted(java.util.Comparator.comparing(Pod::name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod " + ref));
  }
}
