package io.hopscope.policy;

import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.policy.PolicyEvaluatorTest.endpoint;
import static io.hopscope.policy.PolicyEvaluatorTest.shopAndPayments;
import static io.hopscope.policy.PolicyFixtures.hostNetworkPod;
import static io.hopscope.policy.PolicyFixtures.node;
import static io.hopscope.policy.PolicyFixtures.withNodes;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;

import io.hopscope.GoldenFiles;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Verdict explanations checked against golden files in {@code golden/policy/}; run with {@code
 * -Dgolden.update=true} to rewrite them deliberately.
 */
class VerdictExplanationGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/policy");

  record Scenario(
      String file,
      ClusterState state,
      String from,
      String to,
      int port,
      Protocol protocol,
      boolean ipbm) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Arguments> scenarios() {
    ClusterState deny =
        shopAndPayments(
            ingressPolicy("payments", "default-deny-all", all()),
            ingressPolicy(
                "payments",
                "allow-checkout",
                all(),
                rule(peers(podPeer(labels("app", "checkout")))),
                anyPeer(port(TCP, 8443))));
    ClusterState admitted =
        shopAndPayments(
            ingressPolicy("payments", "default-deny-all", all()),
            ingressPolicy(
                "payments",
                "allow-red-backends",
                all(),
                rule(peers(bothPeer(labels("role", "backend"), labels("team", "red")))),
                rule(peers(namespacePeer(labels("team", "red"))), port(TCP, 9090))));
    ClusterState egress =
        shopAndPayments(
            egressPolicy(
                "shop",
                "egress-dns-only",
                all(),
                anyPeer(port(UDP, 53)),
                rule(peers(namespacePeer(all())), namedPort(TCP, "http"))));
    ClusterState blocks =
        shopAndPayments(
            ingressPolicy(
                "payments",
                "from-office",
                all(),
                rule(peers(ipBlock("10.0.0.0/8", "10.1.0.0/16")))));
    // agent runs on node-2, local-agent on node-1 with the fixture's other pods
    ClusterState agent =
        withNodes(
            shopAndPayments(
                List.of(
                    hostNetworkPod(
                        "shop", "agent", Map.of("app", "agent"), "192.168.0.10", "node-2"),
                    hostNetworkPod(
                        "shop", "local-agent", Map.of("app", "agent"), "192.168.0.11", "node-1")),
                ingressPolicy("payments", "default-deny-all", all())),
            node("node-1", "192.168.0.11"),
            node("node-2", "192.168.0.10"));
    return Stream.of(
            new Scenario(
                "denied-by-default-deny.txt",
                deny,
                "shop/cart",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "admitted-by-second-rule.txt",
                admitted,
                "shop/cart",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "admitted-by-first-rule.txt",
                admitted,
                "shop/api",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "egress-named-port-not-declared.txt",
                egress,
                "shop/api",
                "payments/ledger",
                8080,
                TCP,
                true),
            new Scenario(
                "egress-and-ingress-denied.txt",
                shopAndPayments(
                    egressPolicy("shop", "deny-egress", all()),
                    ingressPolicy("payments", "default-deny-all", all())),
                "shop/cart",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "ipblock-except-pod.txt", blocks, "shop/cart", "payments/ledger", 9090, TCP, true),
            new Scenario(
                "ipblock-ignores-pods.txt",
                blocks,
                "shop/cart",
                "payments/ledger",
                9090,
                TCP,
                false),
            new Scenario(
                "external-address.txt",
                blocks,
                "ip:10.200.0.1",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "host-network-source.txt", agent, "shop/agent", "payments/ledger", 9090, TCP, true),
            new Scenario(
                "host-network-source-same-node.txt",
                agent,
                "shop/local-agent",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "own-node-address.txt",
                agent,
                "ip:192.168.0.11",
                "payments/ledger",
                9090,
                TCP,
                true),
            new Scenario(
                "no-policy.txt", shopAndPayments(), "shop/cart", "shop/api", 8080, TCP, true))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void explanationMatchesGolden(Scenario s) throws IOException {
    Verdict verdict =
        PolicyEvaluator.of(s.state())
            .evaluate(
                new PolicyQuery(
                    endpoint(s.state(), s.from()),
                    endpoint(s.state(), s.to()),
                    s.port(),
                    s.protocol(),
                    s.ipbm()));
    String actual =
        "query: "
            + s.from()
            + " -> "
            + s.to()
            + " "
            + s.protocol()
            + " "
            + s.port()
            + " (ipBlockMatchesPods="
            + s.ipbm()
            + ")\n"
            + render(verdict);
    GoldenFiles.assertMatches(GOLDEN.resolve(s.file()), actual);
  }

  /** A stable, readable rendering of a verdict. */
  static String render(Verdict v) {
    StringBuilder out = new StringBuilder();
    out.append("allowed: ").append(v.allowed()).append('\n');
    out.append("explanation: ").append(v.explanation()).append('\n');
    for (Verdict.DirectionVerdict d : List.of(v.egress(), v.ingress())) {
      out.append(d.direction().name().toLowerCase())
          .append(" at ")
          .append(d.subject())
          .append(": enforced=")
          .append(d.enforced())
          .append(" isolated=")
          .append(d.isolated())
          .append(" allowed=")
          .append(d.allowed())
          .append(" deciding=")
          .append(d.decidingRule() == null ? "none" : d.decidingRule())
          .append('\n')
          .append("  note: ")
          .append(d.note())
          .append('\n');
      for (Verdict.PolicyResult p : d.policies()) {
        out.append("  policy ")
            .append(p.namespace())
            .append('/')
            .append(p.name())
            .append(" allows=")
            .append(p.allows())
            .append('\n');
        for (Verdict.RuleResult r : p.rules()) {
          out.append("    ")
              .append(r.direction().name().toLowerCase())
              .append('[')
              .append(r.index())
              .append("] ")
              .append(r.matched() ? "matched" : "no match: " + r.reason())
              .append('\n');
        }
      }
    }
    return out.toString();
  }
}
