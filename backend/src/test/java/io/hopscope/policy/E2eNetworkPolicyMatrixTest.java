package io.hopscope.policy;

import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.expression;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.portRange;
import static io.hopscope.fixtures.Policies.protocolOnly;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.policy.PolicyFixtures.E2E_NAMESPACES;
import static io.hopscope.policy.PolicyFixtures.E2E_PODS;
import static io.hopscope.policy.PolicyFixtures.e2eCluster;
import static io.hopscope.topology.LabelRequirement.Operator.IN;
import static io.hopscope.topology.LabelRequirement.Operator.NOT_IN;
import static io.hopscope.topology.Protocol.SCTP;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of the upstream Kubernetes e2e NetworkPolicy suite (namespaces x, y, z; pods a, b,
 * c; ports 80/81 on TCP, UDP, SCTP) as 9x9 reachability matrices in the suite's notation: rows are
 * sources, columns destinations, in the order x/a x/b x/c y/a y/b y/c z/a z/b z/c; {@code .} is
 * allowed and {@code X} blocked. ipBlocks match pod IPs unless a case says otherwise.
 */
class E2eNetworkPolicyMatrixTest {

  private static final String ALL = ".........";
  private static final String NONE = "XXXXXXXXX";

  record Case(
      String name,
      ClusterState state,
      Protocol protocol,
      int port,
      boolean ipBlockMatchesPods,
      List<String> rows) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> scenarios() {
    List<Case> cases = new ArrayList<>();
    ClusterState open = e2eCluster();
    cases.add(
        new Case(
            "without policies every pod reaches every pod",
            open,
            TCP,
            80,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState denyIngressX = e2eCluster(ingressPolicy("x", "deny-ingress", all()));
    String toXBlocked = "XXX......";
    cases.add(
        new Case(
            "default-deny-ingress in x blocks every connection into x",
            denyIngressX,
            TCP,
            80,
            true,
            rows(
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked)));

    ClusterState denyEgressX = e2eCluster(egressPolicy("x", "deny-egress", all()));
    cases.add(
        new Case(
            "default-deny-egress in x blocks every connection out of x",
            denyEgressX,
            UDP,
            81,
            true,
            rows(NONE, NONE, NONE, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState fromPodB =
        e2eCluster(
            ingressPolicy(
                "x", "allow-from-b", labels("pod", "a"), rule(peers(podPeer(labels("pod", "b"))))));
    String toXaBlocked = "X........";
    cases.add(
        new Case(
            "a podSelector peer admits only that pod of the policy's namespace",
            fromPodB,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                ALL,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState fromNamespaceY =
        e2eCluster(
            ingressPolicy(
                "x", "allow-from-y", all(), rule(peers(namespacePeer(labels("ns", "y"))))));
    cases.add(
        new Case(
            "a namespaceSelector peer admits every pod of the matching namespace",
            fromNamespaceY,
            TCP,
            80,
            true,
            rows(
                toXBlocked,
                toXBlocked,
                toXBlocked,
                ALL,
                ALL,
                ALL,
                toXBlocked,
                toXBlocked,
                toXBlocked)));

    ClusterState namespaceExpression =
        e2eCluster(
            ingressPolicy(
                "x",
                "allow-ns-in-y",
                labels("pod", "a"),
                rule(peers(namespacePeer(expression("ns", IN, "y"))))));
    cases.add(
        new Case(
            "a namespaceSelector with matchExpressions In admits the listed namespaces",
            namespaceExpression,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                ALL,
                ALL,
                ALL,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState podOrNamespace =
        e2eCluster(
            ingressPolicy(
                "x",
                "allow-b-or-y",
                labels("pod", "a"),
                rule(peers(podPeer(labels("pod", "b")), namespacePeer(labels("ns", "y"))))));
    cases.add(
        new Case(
            "separate pod and namespace peers are ORed",
            podOrNamespace,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                ALL,
                toXaBlocked,
                ALL,
                ALL,
                ALL,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState podAndNamespace =
        e2eCluster(
            ingressPolicy(
                "x",
                "allow-b-in-y-or-z",
                labels("pod", "a"),
                rule(peers(bothPeer(labels("pod", "b"), expression("ns", IN, "y", "z"))))));
    cases.add(
        new Case(
            "pod and namespace selectors in one peer are ANDed",
            podAndNamespace,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                ALL,
                toXaBlocked,
                toXaBlocked,
                ALL,
                toXaBlocked)));

    ClusterState notInExpressions =
        e2eCluster(
            ingressPolicy(
                "x",
                "allow-bc-outside-x",
                labels("pod", "a"),
                rule(
                    peers(
                        bothPeer(
                            expression("pod", IN, "b", "c"), expression("ns", NOT_IN, "x"))))));
    cases.add(
        new Case(
            "NotIn and In expressions combine in one peer",
            notInExpressions,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                ALL,
                ALL,
                toXaBlocked,
                ALL,
                ALL)));

    ClusterState onlyPort81 =
        e2eCluster(ingressPolicy("x", "allow-81", labels("pod", "a"), anyPeer(port(TCP, 81))));
    cases.add(
        new Case(
            "a rule on TCP 81 blocks TCP 80",
            onlyPort81,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));
    cases.add(
        new Case(
            "a rule on TCP 81 admits TCP 81",
            onlyPort81,
            TCP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState namedServe80 =
        e2eCluster(
            ingressPolicy(
                "x",
                "allow-serve-80-tcp",
                labels("pod", "a"),
                anyPeer(namedPort(TCP, "serve-80-tcp"))));
    cases.add(
        new Case(
            "a named port admits the port it resolves to on the destination",
            namedServe80,
            TCP,
            80,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "a named port blocks the other ports",
            namedServe80,
            TCP,
            81,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState sctp80 =
        e2eCluster(
            ingressPolicy("x", "allow-sctp-80", labels("pod", "a"), anyPeer(port(SCTP, 80))));
    cases.add(
        new Case(
            "a rule on SCTP 80 admits SCTP 80",
            sctp80,
            SCTP,
            80,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "a rule on SCTP 80 is not a rule on TCP 80",
            sctp80,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState udp81 =
        e2eCluster(ingressPolicy("x", "allow-udp-81", labels("pod", "a"), anyPeer(port(UDP, 81))));
    cases.add(
        new Case(
            "a rule on UDP 81 admits UDP 81",
            udp81,
            UDP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "a rule on UDP 81 is not a rule on TCP 81",
            udp81,
            TCP,
            81,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState stacked =
        e2eCluster(
            ingressPolicy("x", "deny-ingress", all()),
            ingressPolicy(
                "x", "allow-from-b", labels("pod", "a"), rule(peers(podPeer(labels("pod", "b"))))),
            ingressPolicy(
                "x",
                "allow-from-y",
                labels("pod", "a"),
                rule(peers(namespacePeer(labels("ns", "y"))))));
    String onlyToXa = ".XX......";
    cases.add(
        new Case(
            "stacked policies add up: deny all, then admit x/b and namespace y into x/a",
            stacked,
            TCP,
            80,
            true,
            rows(
                toXBlocked,
                onlyToXa,
                toXBlocked,
                onlyToXa,
                onlyToXa,
                onlyToXa,
                toXBlocked,
                toXBlocked,
                toXBlocked)));

    ClusterState egressToY =
        e2eCluster(
            egressPolicy(
                "x",
                "egress-to-y-80",
                labels("pod", "a"),
                rule(peers(namespacePeer(labels("ns", "y"))), port(TCP, 80))));
    cases.add(
        new Case(
            "egress from x/a to namespace y on TCP 80 only",
            egressToY,
            TCP,
            80,
            true,
            rows("XXX...XXX", ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "egress to namespace y on TCP 80 blocks TCP 81",
            egressToY,
            TCP,
            81,
            true,
            rows(NONE, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState egressAndIngress =
        e2eCluster(
            egressPolicy(
                "x",
                "egress-to-y-80",
                labels("pod", "a"),
                rule(peers(namespacePeer(labels("ns", "y"))), port(TCP, 80))),
            ingressPolicy("y", "deny-ingress", all()));
    String toYBlocked = "...XXX...";
    cases.add(
        new Case(
            "a connection needs egress at the source and ingress at the destination",
            egressAndIngress,
            TCP,
            80,
            true,
            rows(
                NONE,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked)));

    ClusterState cidrExcept =
        e2eCluster(
            egressPolicy(
                "x",
                "egress-cidr-except-xb",
                labels("pod", "a"),
                rule(peers(ipBlock("10.0.0.0/16", "10.0.1.2/32")))));
    cases.add(
        new Case(
            "egress to a CIDR with an except matching x/b's IP reaches every pod but x/b",
            cidrExcept,
            TCP,
            80,
            true,
            rows(".X.......", ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "with ipBlockMatchesPods=false the same ipBlock reaches no pod",
            cidrExcept,
            TCP,
            80,
            false,
            rows(NONE, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState ingressCidr =
        e2eCluster(
            ingressPolicy(
                "x",
                "ingress-from-y-cidr",
                labels("pod", "a"),
                rule(peers(ipBlock("10.0.2.0/24", "10.0.2.1/32")))));
    cases.add(
        new Case(
            "ingress from y's CIDR except y/a's IP admits y/b and y/c",
            ingressCidr,
            TCP,
            80,
            true,
            rows(
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked,
                ALL,
                ALL,
                toXaBlocked,
                toXaBlocked,
                toXaBlocked)));

    ClusterState portRange =
        e2eCluster(ingressPolicy("x", "allow-80-81", all(), anyPeer(portRange(TCP, 80, 81))));
    cases.add(
        new Case(
            "an endPort range admits its last port",
            portRange,
            TCP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "an endPort range on TCP does not admit UDP",
            portRange,
            UDP,
            80,
            true,
            rows(
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked,
                toXBlocked)));

    ClusterState denyInY = e2eCluster(ingressPolicy("y", "deny-ingress", all()));
    cases.add(
        new Case(
            "a policy of namespace y does not isolate pods of x",
            denyInY,
            TCP,
            80,
            true,
            rows(
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked,
                toYBlocked)));

    ClusterState allowAllOverDeny =
        e2eCluster(
            ingressPolicy("x", "deny-ingress", all()),
            ingressPolicy("x", "allow-all", all(), anyPeer()));
    cases.add(
        new Case(
            "an empty rule admits everything even with a deny-all policy",
            allowAllOverDeny,
            SCTP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState egressNamed =
        e2eCluster(
            egressPolicy(
                "x",
                "egress-serve-81-tcp",
                labels("pod", "a"),
                anyPeer(namedPort(TCP, "serve-81-tcp"))));
    cases.add(
        new Case(
            "an egress named port resolves on the destination pod",
            egressNamed,
            TCP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "an egress named port blocks the other ports",
            egressNamed,
            TCP,
            80,
            true,
            rows(NONE, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    ClusterState egressUdp =
        e2eCluster(egressPolicy("x", "egress-udp", labels("pod", "a"), anyPeer(protocolOnly(UDP))));
    cases.add(
        new Case(
            "a port entry with a protocol and no port admits every port of it",
            egressUdp,
            UDP,
            81,
            true,
            rows(ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));
    cases.add(
        new Case(
            "a port entry with a protocol and no port admits no other protocol",
            egressUdp,
            TCP,
            80,
            true,
            rows(NONE, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL)));

    return cases.stream().map(c -> Arguments.of(c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void matrixMatches(Case scenario) {
    PolicyEvaluator evaluator = PolicyEvaluator.of(scenario.state());
    assertThat(String.join("\n", matrix(evaluator, scenario)))
        .as(scenario.protocol() + " " + scenario.port())
        .isEqualTo(String.join("\n", scenario.rows()));
  }

  @ParameterizedTest(name = "{0} (connectivity analysis agrees)")
  @MethodSource("scenarios")
  void connectivityAgreesWithVerdicts(Case scenario) {
    PolicyEvaluator evaluator = PolicyEvaluator.of(scenario.state());
    var connectivity =
        io.hopscope.connectivity.ConnectivityAnalyzer.analyze(
            evaluator, scenario.ipBlockMatchesPods());
    List<Pod> pods = pods(scenario.state());
    List<String> rows = new ArrayList<>();
    for (Pod from : pods) {
      StringBuilder row = new StringBuilder();
      for (Pod to : pods) {
        ConnectionSet set =
            evaluator.allowedConnections(
                new PolicyEndpoint.PodPeer(from),
                new PolicyEndpoint.PodPeer(to),
                Semantics.ipBlockMatchesPods(scenario.ipBlockMatchesPods()));
        row.append(set.contains(scenario.protocol(), scenario.port()) ? '.' : 'X');
      }
      rows.add(row.toString());
    }
    assertThat(rows).containsExactlyElementsOf(scenario.rows());
    // every e2e pod is its own workload: the connlist lines must agree with the verdict matrix off
    // the diagonal
    for (var line : connectivity.connections()) {
      if (line.from() instanceof io.hopscope.connectivity.ConnectivityPeer.Workload w1
          && line.to() instanceof io.hopscope.connectivity.ConnectivityPeer.Workload w2) {
        int i = index(w1.namespace(), w1.name());
        int j = index(w2.namespace(), w2.name());
        assertThat(line.connections().contains(scenario.protocol(), scenario.port()))
            .as(line.toString())
            .isEqualTo(scenario.rows().get(i).charAt(j) == '.');
      }
    }
  }

  private static List<String> matrix(PolicyEvaluator evaluator, Case scenario) {
    List<Pod> pods = pods(scenario.state());
    List<String> rows = new ArrayList<>();
    for (Pod from : pods) {
      StringBuilder row = new StringBuilder();
      for (Pod to : pods) {
        Verdict verdict =
            evaluator.evaluate(
                new PolicyQuery(
                    new PolicyEndpoint.PodPeer(from),
                    new PolicyEndpoint.PodPeer(to),
                    scenario.port(),
                    scenario.protocol(),
                    scenario.ipBlockMatchesPods()));
        row.append(verdict.allowed() ? '.' : 'X');
      }
      rows.add(row.toString());
    }
    return rows;
  }

  private static List<Pod> pods(ClusterState state) {
    List<Pod> out = new ArrayList<>();
    for (String ns : E2E_NAMESPACES) {
      for (String name : E2E_PODS) {
        out.add(
            state.pods().stream()
                .filter(p -> p.ref().equals(new PodRef(ns, name)))
                .findFirst()
                .orElseThrow());
      }
    }
    return out;
  }

  private static int index(String ns, String pod) {
    return E2E_NAMESPACES.indexOf(ns) * 3 + E2E_PODS.indexOf(pod);
  }

  private static List<String> rows(String... rows) {
    assertThat(rows).hasSize(9);
    return List.of(rows);
  }
}
