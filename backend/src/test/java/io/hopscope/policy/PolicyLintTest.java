package io.hopscope.policy;

import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.policy.PolicyEvaluatorTest.shopAndPayments;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.policy.PolicyFinding.Kind;
import io.hopscope.topology.ClusterState;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyLintTest {

  static List<PolicyFinding> lint(ClusterState state) {
    return PolicyLint.findings(PolicyEvaluator.of(state));
  }

  @Test
  @DisplayName("a clean set of policies has no findings")
  void clean() {
    assertThat(
            lint(
                shopAndPayments(
                    ingressPolicy(
                        "payments",
                        "from-shop",
                        all(),
                        rule(peers(namespacePeer(labels("team", "red"))))))))
        .isEmpty();
  }

  @Test
  @DisplayName("a policy whose podSelector matches no pod is reported")
  void selectsNoPod() {
    assertThat(lint(shopAndPayments(ingressPolicy("shop", "typo", labels("app", "crat")))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.SELECTS_NO_POD);
              assertThat(f.message())
                  .isEqualTo(
                      "shop/typo selects no pod: podSelector app=crat matches nothing in namespace shop");
            });
  }

  @Test
  @DisplayName("a peer that selects no pod is reported with its rule")
  void peerSelectsNothing() {
    assertThat(
            lint(
                shopAndPayments(
                    ingressPolicy(
                        "payments",
                        "from-green",
                        all(),
                        rule(peers(bothPeer(labels("app", "cart"), labels("team", "green"))))))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.PEER_SELECTS_NOTHING);
              assertThat(f.rule()).isEqualTo("ingress[0]");
              assertThat(f.message())
                  .contains("namespaceSelector team=green, podSelector app=cart");
            });
  }

  @Test
  @DisplayName("a named port that no pod the rule applies to declares is reported, per direction")
  void namedPortUnresolved() {
    List<PolicyFinding> findings =
        lint(
            shopAndPayments(
                ingressPolicy(
                    "shop",
                    "metrics",
                    labels("app", "api"),
                    anyPeer(namedPort(TCP, "metrics"), namedPort(TCP, "http"))),
                egressPolicy(
                    "shop",
                    "to-ledger",
                    labels("app", "cart"),
                    rule(peers(namespacePeer(labels("team", "blue"))), namedPort(TCP, "http")),
                    anyPeer(port(UDP, 53)))));
    assertThat(findings).extracting(PolicyFinding::kind).containsOnly(Kind.NAMED_PORT_UNRESOLVED);
    assertThat(findings)
        .extracting(PolicyFinding::message)
        .containsExactly(
            "shop/metrics ingress[0] names port metrics/TCP, which no selected pod declares",
            "shop/to-ledger egress[0] names port http/TCP, which no destination pod declares");
  }

  @Test
  @DisplayName(
      "egress isolation without a rule that allows UDP 53 is reported; a DNS exception in another policy counts")
  void egressWithoutDns() {
    assertThat(lint(shopAndPayments(egressPolicy("payments", "deny-egress", all()))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.EGRESS_WITHOUT_DNS);
              assertThat(f.message())
                  .startsWith("payments/deny-egress isolates egress of 1 pod and");
            });
    assertThat(
            lint(
                shopAndPayments(
                    egressPolicy("payments", "deny-egress", all()),
                    egressPolicy(
                        "payments",
                        "allow-dns",
                        all(),
                        rule(peers(podPeer(all()), namespacePeer(all())), port(UDP, 53))))))
        .isEmpty();
  }
}
