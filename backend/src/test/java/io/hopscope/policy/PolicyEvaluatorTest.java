package io.hopscope.policy;

import static io.hopscope.fixtures.Fixtures.namespace;
import static io.hopscope.fixtures.Fixtures.tcp;
import static io.hopscope.fixtures.Fixtures.udp;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.expression;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.policy;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.portRange;
import static io.hopscope.fixtures.Policies.protocolOnly;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.policy.PolicyFixtures.hostNetworkPod;
import static io.hopscope.policy.PolicyFixtures.node;
import static io.hopscope.policy.PolicyFixtures.pod;
import static io.hopscope.policy.PolicyFixtures.state;
import static io.hopscope.policy.PolicyFixtures.withNodes;
import static io.hopscope.topology.LabelRequirement.Operator.DOES_NOT_EXIST;
import static io.hopscope.topology.LabelRequirement.Operator.EXISTS;
import static io.hopscope.topology.LabelRequirement.Operator.IN;
import static io.hopscope.topology.LabelRequirement.Operator.NOT_IN;
import static io.hopscope.topology.Protocol.SCTP;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.fixtures.Policies;
import io.hopscope.policy.PolicyEndpoint.IpPeer;
import io.hopscope.policy.PolicyEndpoint.PodPeer;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One test per semantic rule of DESIGN §5. */
class PolicyEvaluatorTest {

  /**
   * shop/cart (app=cart, role=frontend) and shop/api (app=api, role=backend, serves http 8080/TCP
   * and dns 53/UDP) in team=red; payments/ledger (app=ledger) in team=blue.
   */
  static ClusterState shopAndPayments(NetworkPolicy... policies) {
    return shopAndPayments(List.of(), policies);
  }

  static ClusterState shopAndPayments(List<Pod> extraPods, NetworkPolicy... policies) {
    List<Pod> pods =
        new ArrayList<>(
            List.of(
                pod(
                    "shop",
                    "cart",
                    Map.of("app", "cart", "role", "frontend"),
                    "10.1.0.10",
                    tcp("web", 80)),
                pod(
                    "shop",
                    "api",
                    Map.of("app", "api", "role", "backend"),
                    "10.1.0.11",
                    tcp("http", 8080),
                    udp("dns", 53)),
                pod(
                    "payments",
                    "ledger",
                    Map.of("app", "ledger"),
                    "10.2.0.20",
                    tcp("grpc", 9090))));
    pods.addAll(extraPods);
    return state(
        List.of(
            namespace("shop", Map.of("team", "red")),
            namespace("payments", Map.of("team", "blue"))),
        pods,
        List.of(policies));
  }

  static Verdict verdict(ClusterState state, String from, String to, int port, Protocol protocol) {
    return verdict(state, from, to, port, protocol, true);
  }

  static Verdict verdict(
      ClusterState state, String from, String to, int port, Protocol protocol, boolean ipbm) {
    return PolicyEvaluator.of(state)
        .evaluate(
            new PolicyQuery(endpoint(state, from), endpoint(state, to), port, protocol, ipbm));
  }

  static PolicyEndpoint endpoint(ClusterState state, String text) {
    if (text.startsWith("ip:")) {
      return new IpPeer(text.substring(3));
    }
    String[] parts = text.split("/");
    return new PodPeer(
        state.pods().stream()
            .filter(p -> p.ref().equals(new PodRef(parts[0], parts[1])))
            .findFirst()
            .orElseThrow());
  }

  @Nested
  @DisplayName("isolation")
  class Isolation {

    @Test
    @DisplayName("a pod no policy selects is not isolated and everything is allowed")
    void notSelectedIsOpen() {
      Verdict v = verdict(shopAndPayments(), "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.ingress().isolated()).isFalse();
      assertThat(v.egress().isolated()).isFalse();
    }

    @Test
    @DisplayName(
        "a pod is isolated for ingress iff a policy of its own namespace selects it with Ingress")
    void isolationIsPerNamespace() {
      ClusterState state = shopAndPayments(ingressPolicy("shop", "deny-all", all()));
      assertThat(verdict(state, "payments/ledger", "shop/api", 8080, TCP).ingress().isolated())
          .isTrue();
      assertThat(verdict(state, "shop/api", "payments/ledger", 9090, TCP).ingress().isolated())
          .isFalse();
    }

    @Test
    @DisplayName(
        "isolation follows the effective policyTypes: an Ingress-only policy with egress rules does not isolate egress")
    void policyTypesDecideTheDirection() {
      NetworkPolicy ingressOnly =
          policy(
              "shop",
              "ingress-only",
              all(),
              List.of(PolicyType.INGRESS),
              List.of(),
              List.of(anyPeer()));
      Verdict v = verdict(shopAndPayments(ingressOnly), "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.egress().isolated()).isFalse();
      assertThat(v.allowed()).isTrue();
      NetworkPolicy egressToo =
          policy(
              "shop",
              "both",
              all(),
              List.of(PolicyType.INGRESS, PolicyType.EGRESS),
              List.of(),
              List.of());
      assertThat(
              verdict(shopAndPayments(egressToo), "shop/cart", "payments/ledger", 9090, TCP)
                  .egress()
                  .isolated())
          .isTrue();
    }

    @Test
    @DisplayName("rules of all selecting policies add up; no policy can deny what another allows")
    void unionOfRules() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy("payments", "deny-all", all()),
              ingressPolicy(
                  "payments",
                  "allow-shop",
                  all(),
                  rule(peers(namespacePeer(labels("team", "red"))))));
      Verdict v = verdict(state, "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.ingress().policies())
          .extracting(Verdict.PolicyResult::name)
          .containsExactly("allow-shop", "deny-all");
      assertThat(v.ingress().decidingRule()).hasToString("payments/allow-shop ingress[0]");
    }

    @Test
    @DisplayName(
        "a connection needs egress allowed at the source and ingress allowed at the destination")
    void bothDirections() {
      ClusterState egressDenied = shopAndPayments(egressPolicy("shop", "deny-egress", all()));
      Verdict v = verdict(egressDenied, "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.egress().allowed()).isFalse();
      assertThat(v.ingress().allowed()).isTrue();
      assertThat(v.allowed()).isFalse();
    }

    @Test
    @DisplayName("podSelector {} selects every pod of the namespace")
    void emptyPodSelector() {
      ClusterState state = shopAndPayments(ingressPolicy("shop", "deny-all", all()));
      assertThat(verdict(state, "payments/ledger", "shop/cart", 80, TCP).allowed()).isFalse();
      assertThat(verdict(state, "payments/ledger", "shop/api", 8080, TCP).allowed()).isFalse();
    }

    @Test
    @DisplayName("a rule {} allows everything, while no rules allow nothing")
    void emptyRuleVersusNoRules() {
      assertThat(
              verdict(
                      shopAndPayments(ingressPolicy("shop", "allow-all", all(), anyPeer())),
                      "payments/ledger",
                      "shop/api",
                      1234,
                      SCTP)
                  .allowed())
          .isTrue();
      Verdict none =
          verdict(
              shopAndPayments(ingressPolicy("shop", "none", all())),
              "payments/ledger",
              "shop/api",
              8080,
              TCP);
      assertThat(none.allowed()).isFalse();
      assertThat(none.ingress().policies().get(0).rules()).isEmpty();
    }
  }

  @Nested
  @DisplayName("peers")
  class Peers {

    @Test
    @DisplayName("a podSelector alone selects pods of the policy's namespace only")
    void podSelectorAlone() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "shop", "from-frontend", labels("app", "api"), rule(peers(podPeer(all())))));
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isTrue();
      Verdict other = verdict(state, "payments/ledger", "shop/api", 8080, TCP);
      assertThat(other.allowed()).isFalse();
      assertThat(other.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo(
              "payments/ledger is not in namespace shop (a podSelector alone selects pods of the policy's namespace)");
    }

    @Test
    @DisplayName("a namespaceSelector alone selects every pod of the matching namespaces")
    void namespaceSelectorAlone() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "from-red",
                  all(),
                  rule(peers(namespacePeer(labels("team", "red"))))));
      assertThat(verdict(state, "shop/cart", "payments/ledger", 9090, TCP).allowed()).isTrue();
      ClusterState blue =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "from-blue",
                  all(),
                  rule(peers(namespacePeer(labels("team", "blue"))))));
      Verdict v = verdict(blue, "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("namespace shop does not match namespaceSelector team=blue");
    }

    @Test
    @DisplayName("pod and namespace selectors in one peer must both match (AND)")
    void bothInOnePeer() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "backend-of-red",
                  all(),
                  rule(peers(bothPeer(labels("role", "backend"), labels("team", "red"))))));
      assertThat(verdict(state, "shop/api", "payments/ledger", 9090, TCP).allowed()).isTrue();
      Verdict v = verdict(state, "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("shop/cart does not match podSelector role=backend");
    }

    @Test
    @DisplayName(
        "separate peers of one rule are alternatives (OR), and each reason is reported when none matches")
    void separatePeers() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "either",
                  all(),
                  rule(
                      peers(
                          podPeer(labels("app", "ledger")),
                          namespacePeer(labels("team", "green"))))));
      Verdict v = verdict(state, "shop/cart", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .startsWith("no peer matches: shop/cart is not in namespace payments")
          .contains("namespace shop does not match namespaceSelector team=green");
      assertThat(verdict(state, "payments/ledger", "payments/ledger", 9090, TCP).allowed())
          .isTrue();
    }

    @Test
    @DisplayName("an ipBlock matches addresses in its CIDR except its exceptions, IPv4")
    void ipBlockV4() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "from-office",
                  all(),
                  rule(peers(ipBlock("192.168.0.0/16", "192.168.5.0/24")))));
      assertThat(verdict(state, "ip:192.168.1.7", "payments/ledger", 9090, TCP).allowed()).isTrue();
      Verdict excepted = verdict(state, "ip:192.168.5.7", "payments/ledger", 9090, TCP);
      assertThat(excepted.allowed()).isFalse();
      assertThat(excepted.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo(
              "192.168.5.7 is excluded from ipBlock 192.168.0.0/16 by except 192.168.5.0/24");
      assertThat(
              verdict(state, "ip:10.9.9.9", "payments/ledger", 9090, TCP)
                  .ingress()
                  .policies()
                  .get(0)
                  .rules()
                  .get(0)
                  .reason())
          .isEqualTo("10.9.9.9 is not in ipBlock 192.168.0.0/16");
    }

    @Test
    @DisplayName("an ipBlock works for IPv6 and never matches the other family")
    void ipBlockV6() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "from-v6",
                  all(),
                  rule(peers(ipBlock("fd00::/64", "fd00::dead/128")))));
      assertThat(verdict(state, "ip:fd00::1", "payments/ledger", 9090, TCP).allowed()).isTrue();
      assertThat(verdict(state, "ip:fd00::dead", "payments/ledger", 9090, TCP).allowed()).isFalse();
      assertThat(verdict(state, "ip:fd01::1", "payments/ledger", 9090, TCP).allowed()).isFalse();
      assertThat(verdict(state, "ip:10.0.0.1", "payments/ledger", 9090, TCP).allowed()).isFalse();
    }

    @Test
    @DisplayName(
        "an ipBlock whose CIDR does not parse matches nothing instead of failing the evaluation")
    void invalidIpBlock() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy("payments", "broken", all(), rule(peers(ipBlock("10.0.0.0/33")))));
      Verdict v = verdict(state, "ip:10.0.0.1", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("10.0.0.1 is not in ipBlock 10.0.0.0/33 (invalid)");
    }

    @Test
    @DisplayName(
        "whether an ipBlock matches pod IPs is the ipBlockMatchesPods option, and the verdict says which was used")
    void ipBlockMatchesPodsOption() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments", "from-shop-range", all(), rule(peers(ipBlock("10.1.0.0/16")))));
      Verdict matches = verdict(state, "shop/cart", "payments/ledger", 9090, TCP, true);
      assertThat(matches.allowed()).isTrue();
      assertThat(matches.ipBlockMatchesPods()).isTrue();
      Verdict ignores = verdict(state, "shop/cart", "payments/ledger", 9090, TCP, false);
      assertThat(ignores.allowed()).isFalse();
      assertThat(ignores.ipBlockMatchesPods()).isFalse();
      assertThat(ignores.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo(
              "ipBlock 10.1.0.0/16 does not match pods (ipBlockMatchesPods=false) and shop/cart is a pod");
      assertThat(ignores.explanation())
          .endsWith("(ipBlocks were not matched against pod IPs: ipBlockMatchesPods=false)");
    }

    @Test
    @DisplayName(
        "selectors match pods only: an outside address gets no pod or namespace selector match")
    void selectorsNeedPods() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments", "from-all-namespaces", all(), rule(peers(namespacePeer(all())))));
      assertThat(verdict(state, "shop/cart", "payments/ledger", 9090, TCP).allowed()).isTrue();
      Verdict outside = verdict(state, "ip:203.0.113.9", "payments/ledger", 9090, TCP);
      assertThat(outside.allowed()).isFalse();
      assertThat(outside.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("203.0.113.9 is not a pod (pod and namespace selectors match pods only)");
      assertThat(outside.egress().enforced()).isFalse();
    }

    @Test
    @DisplayName("an address that belongs to a pod stands for that pod")
    void podAddressIsThePod() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "from-red",
                  all(),
                  rule(peers(namespacePeer(labels("team", "red"))))));
      Verdict v = verdict(state, "ip:10.1.0.10", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.egress().subject()).isEqualTo("shop/cart");
    }
  }

  @Nested
  @DisplayName("ports")
  class Ports {

    ClusterState withPorts(PolicyPort... ports) {
      return shopAndPayments(ingressPolicy("shop", "ports", labels("app", "api"), anyPeer(ports)));
    }

    @Test
    @DisplayName("no ports means every port of every protocol")
    void absentPorts() {
      ClusterState state = withPorts();
      assertThat(verdict(state, "shop/cart", "shop/api", 1, SCTP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 65535, UDP).allowed()).isTrue();
    }

    @Test
    @DisplayName("a port without protocol is TCP")
    void protocolDefaultsToTcp() {
      ClusterState state = withPorts(new PolicyPort(null, PortRef.of(8080), 0));
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isTrue();
      Verdict udp = verdict(state, "shop/cart", "shop/api", 8080, UDP);
      assertThat(udp.allowed()).isFalse();
      assertThat(udp.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("protocol UDP is not allowed (rule ports are TCP only)");
    }

    @Test
    @DisplayName("a numeric port matches that port only")
    void numericPort() {
      ClusterState state = withPorts(port(TCP, 8080));
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isTrue();
      Verdict other = verdict(state, "shop/cart", "shop/api", 8081, TCP);
      assertThat(other.allowed()).isFalse();
      assertThat(other.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("port TCP 8081 is not in the rule's ports (TCP 8080)");
    }

    @Test
    @DisplayName(
        "a named port resolves against the destination's container ports for that protocol")
    void namedPortResolves() {
      ClusterState state =
          withPorts(Policies.namedPort(TCP, "http"), Policies.namedPort(UDP, "dns"));
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 53, UDP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 53, TCP).allowed()).isFalse();
    }

    @Test
    @DisplayName("a named port the destination does not declare matches nothing")
    void unresolvedNamedPortMatchesNothing() {
      ClusterState state = withPorts(Policies.namedPort(TCP, "metrics"));
      Verdict v = verdict(state, "shop/cart", "shop/api", 9100, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .isEqualTo("named port metrics/TCP is not declared by shop/api");
    }

    @Test
    @DisplayName("endPort makes a range, both ends included")
    void endPortRange() {
      ClusterState state = withPorts(portRange(TCP, 8000, 8080));
      assertThat(verdict(state, "shop/cart", "shop/api", 8000, TCP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 8081, TCP).allowed()).isFalse();
    }

    @Test
    @DisplayName("a protocol without a port means every port of that protocol")
    void protocolWithoutPort() {
      ClusterState state = withPorts(protocolOnly(UDP));
      assertThat(verdict(state, "shop/cart", "shop/api", 5353, UDP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 5353, TCP).allowed()).isFalse();
    }

    @Test
    @DisplayName("TCP, UDP and SCTP are distinct")
    void protocolsAreDistinct() {
      ClusterState state = withPorts(port(SCTP, 8080));
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, SCTP).allowed()).isTrue();
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, TCP).allowed()).isFalse();
      assertThat(verdict(state, "shop/cart", "shop/api", 8080, UDP).allowed()).isFalse();
    }
  }

  @Nested
  @DisplayName("label selectors")
  class Selectors {

    boolean selects(LabelSelector selector, String from) {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "shop", "select", labels("app", "api"), rule(peers(podPeer(selector)))));
      return verdict(state, from, "shop/api", 8080, TCP).allowed();
    }

    @Test
    @DisplayName("matchLabels and matchExpressions must all hold")
    void andOfEverything() {
      LabelSelector both =
          new LabelSelector(
              Map.of("role", "frontend"),
              List.of(new LabelRequirement("app", IN, List.of("cart", "checkout"))));
      assertThat(selects(both, "shop/cart")).isTrue();
      LabelSelector contradicting =
          new LabelSelector(
              Map.of("role", "frontend"),
              List.of(new LabelRequirement("app", IN, List.of("checkout"))));
      assertThat(selects(contradicting, "shop/cart")).isFalse();
    }

    @Test
    @DisplayName(
        "In, NotIn, Exists and DoesNotExist behave as in Kubernetes; NotIn matches a missing key")
    void operators() {
      assertThat(selects(expression("app", IN, "cart"), "shop/cart")).isTrue();
      assertThat(selects(expression("app", NOT_IN, "cart"), "shop/cart")).isFalse();
      assertThat(selects(expression("tier", NOT_IN, "db"), "shop/cart")).isTrue();
      assertThat(selects(expression("role", EXISTS), "shop/cart")).isTrue();
      assertThat(selects(expression("tier", EXISTS), "shop/cart")).isFalse();
      assertThat(selects(expression("tier", DOES_NOT_EXIST), "shop/cart")).isTrue();
      assertThat(selects(expression("role", DOES_NOT_EXIST), "shop/cart")).isFalse();
    }

    @Test
    @DisplayName("the empty selector matches every pod")
    void emptySelector() {
      assertThat(selects(all(), "shop/cart")).isTrue();
    }
  }

  @Nested
  @DisplayName("hostNetwork pods")
  class HostNetwork {

    // on another node than the pods it talks to: traffic from a pod's own node is always allowed
    ClusterState withAgent(NetworkPolicy... policies) {
      return shopAndPayments(
          List.of(
              hostNetworkPod("shop", "agent", Map.of("app", "agent"), "192.168.0.10", "node-2")),
          policies);
    }

    @Test
    @DisplayName("policy is not enforced on a hostNetwork pod, and the verdict says so")
    void notEnforced() {
      Verdict v =
          verdict(
              withAgent(ingressPolicy("shop", "deny-all", all())),
              "payments/ledger",
              "shop/agent",
              80,
              TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.ingress().enforced()).isFalse();
      assertThat(v.explanation())
          .contains("shop/agent uses the host network, where NetworkPolicy is not enforced");
    }

    @Test
    @DisplayName(
        "traffic from a hostNetwork pod is node traffic: pod selectors do not match it, ipBlocks do")
    void nodeTrafficAsPeer() {
      ClusterState bySelector =
          withAgent(
              ingressPolicy(
                  "payments",
                  "from-shop",
                  all(),
                  rule(peers(namespacePeer(labels("team", "red"))))));
      Verdict v = verdict(bySelector, "shop/agent", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().policies().get(0).rules().get(0).reason())
          .contains("uses the host network");
      ClusterState byBlock =
          withAgent(
              ingressPolicy(
                  "payments", "from-nodes", all(), rule(peers(ipBlock("192.168.0.0/24")))));
      assertThat(verdict(byBlock, "shop/agent", "payments/ledger", 9090, TCP, false).allowed())
          .isTrue();
    }

    @Test
    @DisplayName(
        "with hostNetworkPodsAsPods a hostNetwork pod is treated like any pod (netpol-analyzer's view)")
    void asPods() {
      ClusterState state = withAgent(ingressPolicy("shop", "deny-all", all()));
      Pod agent = state.pods().stream().filter(Pod::hostNetwork).findFirst().orElseThrow();
      Verdict v =
          PolicyEvaluator.of(state)
              .evaluate(
                  new PolicyQuery(
                      endpoint(state, "payments/ledger"),
                      new PodPeer(agent),
                      80,
                      TCP,
                      false,
                      true));
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().enforced()).isTrue();
    }
  }

  @Nested
  @DisplayName("traffic from the pod's own node")
  class OwnNode {

    static final String OWN =
        "traffic from the pod's own node (node-1, 192.168.56.10) is always allowed:"
            + " NetworkPolicy does not apply to it (kubelet probes)";

    /** The fixture's pods run on node-1; agent is a hostNetwork pod there, remote on node-2. */
    ClusterState cluster(NetworkPolicy... policies) {
      return withNodes(
          shopAndPayments(
              List.of(
                  hostNetworkPod(
                      "kube-system", "agent", Map.of("app", "agent"), "192.168.56.10", "node-1"),
                  hostNetworkPod(
                      "kube-system", "remote", Map.of("app", "agent"), "192.168.56.11", "node-2")),
              policies),
          node("node-1", "192.168.56.10"),
          node("node-2", "192.168.56.11"));
    }

    @Test
    @DisplayName(
        "the own node's address is allowed despite a deny-all ingress, and the verdict says why")
    void ownNodeAddress() {
      Verdict v =
          verdict(
              cluster(ingressPolicy("payments", "default-deny-all", all())),
              "ip:192.168.56.10",
              "payments/ledger",
              9090,
              TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.ingress().enforced()).isFalse();
      assertThat(v.ingress().isolated()).isTrue();
      assertThat(v.ingress().fromOwnNode())
          .isEqualTo(new Reason.FromOwnNode("node-1", "192.168.56.10", ""));
      assertThat(v.ingress().policies())
          .extracting(Verdict.PolicyResult::name)
          .containsExactly("default-deny-all");
      assertThat(v.ingress().note()).isEqualTo(OWN);
      assertThat(v.explanation()).startsWith("Allowed: ").endsWith(OWN);
    }

    @Test
    @DisplayName(
        "the stand-in node of a dump without nodes exempts nothing: sharing it says nothing about"
            + " placement")
    void standInNode() {
      ClusterState placed = cluster(ingressPolicy("payments", "default-deny-all", all()));
      ClusterState unplaced =
          Fixtures.cluster(placed)
              .pods(
                  placed.pods().stream()
                      .map(p -> Fixtures.pod(p).node(Node.STAND_IN).build())
                      .toList())
              .nodes(List.of(Fixtures.node(Node.STAND_IN, "192.168.56.10").build()))
              .build();
      Verdict v = verdict(unplaced, "kube-system/agent", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().fromOwnNode()).isNull();
      Verdict byAddress = verdict(unplaced, "ip:192.168.56.10", "payments/ledger", 9090, TCP);
      assertThat(byAddress.allowed()).isFalse();
    }

    @Test
    @DisplayName("another node's address stays subject to policy: denied, or allowed by an ipBlock")
    void otherNodeAddress() {
      Verdict denied =
          verdict(
              cluster(ingressPolicy("payments", "default-deny-all", all())),
              "ip:192.168.56.11",
              "payments/ledger",
              9090,
              TCP);
      assertThat(denied.allowed()).isFalse();
      assertThat(denied.ingress().fromOwnNode()).isNull();
      assertThat(denied.explanation()).contains("default-deny-all isolates payments/ledger");
      ClusterState byBlock =
          cluster(
              ingressPolicy(
                  "payments", "from-node-2", all(), rule(peers(ipBlock("192.168.56.11/32")))));
      Verdict allowed = verdict(byBlock, "ip:192.168.56.11", "payments/ledger", 9090, TCP);
      assertThat(allowed.allowed()).isTrue();
      assertThat(allowed.ingress().decidingRule()).hasToString("payments/from-node-2 ingress[0]");
    }

    @Test
    @DisplayName("a hostNetwork pod on the same node is allowed, one on another node is not")
    void hostNetworkPodOnSameNode() {
      ClusterState state = cluster(ingressPolicy("payments", "default-deny-all", all()));
      Verdict same = verdict(state, "kube-system/agent", "payments/ledger", 9090, TCP);
      assertThat(same.allowed()).isTrue();
      assertThat(same.ingress().fromOwnNode())
          .isEqualTo(new Reason.FromOwnNode("node-1", "192.168.56.10", "kube-system/agent"));
      assertThat(same.explanation())
          .contains(
              "traffic from the pod's own node (node-1, 192.168.56.10, hostNetwork pod"
                  + " kube-system/agent) is always allowed");
      assertThat(verdict(state, "kube-system/remote", "payments/ledger", 9090, TCP).allowed())
          .isFalse();
      PolicyEvaluator evaluator = PolicyEvaluator.of(state);
      Semantics semantics = Semantics.DEFAULT;
      assertThat(
              evaluator
                  .allowedConnections(
                      endpoint(state, "kube-system/agent"),
                      endpoint(state, "payments/ledger"),
                      semantics)
                  .isAll())
          .isTrue();
      assertThat(
              evaluator
                  .allowedConnections(
                      endpoint(state, "kube-system/remote"),
                      endpoint(state, "payments/ledger"),
                      semantics)
                  .isEmpty())
          .isTrue();
    }

    @Test
    @DisplayName(
        "with hostNetworkPodsAsPods a hostNetwork pod is a pod, not node traffic: no exemption")
    void hostNetworkPodsAsPods() {
      ClusterState state = cluster(ingressPolicy("payments", "default-deny-all", all()));
      Verdict v =
          PolicyEvaluator.of(state)
              .evaluate(
                  new PolicyQuery(
                      endpoint(state, "kube-system/agent"),
                      endpoint(state, "payments/ledger"),
                      9090,
                      TCP,
                      false,
                      true));
      assertThat(v.allowed()).isFalse();
      assertThat(v.ingress().fromOwnNode()).isNull();
    }

    @Test
    @DisplayName("egress from a pod to its own node is judged like any egress")
    void egressToOwnNodeJudged() {
      ClusterState state = cluster(egressPolicy("payments", "deny-egress", all()));
      Verdict toAddress = verdict(state, "payments/ledger", "ip:192.168.56.10", 10250, TCP);
      assertThat(toAddress.allowed()).isFalse();
      assertThat(toAddress.egress().fromOwnNode()).isNull();
      assertThat(toAddress.explanation())
          .contains("deny-egress isolates payments/ledger for egress");
      assertThat(verdict(state, "payments/ledger", "kube-system/agent", 10250, TCP).allowed())
          .isFalse();
    }

    @Test
    @DisplayName("a pod no policy isolates is allowed for the usual reason")
    void notIsolated() {
      Verdict v = verdict(cluster(), "ip:192.168.56.10", "payments/ledger", 9090, TCP);
      assertThat(v.allowed()).isTrue();
      assertThat(v.ingress().fromOwnNode()).isNull();
      assertThat(v.ingress().note()).isEqualTo("no policy isolates payments/ledger for ingress");
    }
  }

  @Nested
  @DisplayName("explanations")
  class Explanation {

    @Test
    @DisplayName(
        "every rule of every selecting policy is listed with the first reason it did not match")
    void everyRuleListed() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy(
                  "payments",
                  "allow-api",
                  all(),
                  rule(peers(podPeer(labels("app", "api")))),
                  rule(peers(namespacePeer(labels("team", "red"))), port(TCP, 9443))));
      Verdict v = verdict(state, "shop/cart", "payments/ledger", 9090, TCP);
      var rules = v.ingress().policies().get(0).rules();
      assertThat(rules).extracting(Verdict.RuleResult::index).containsExactly(0, 1);
      assertThat(rules).extracting(Verdict.RuleResult::matched).containsExactly(false, false);
      assertThat(rules.get(1).reason())
          .isEqualTo("port TCP 9090 is not in the rule's ports (TCP 9443)");
      assertThat(v.ingress().decidingRule()).isNull();
    }

    @Test
    @DisplayName(
        "a denial names the isolating policy (one without rules first) and every other selecting policy")
    void denialSentence() {
      ClusterState state =
          shopAndPayments(
              ingressPolicy("payments", "default-deny-all", all()),
              ingressPolicy(
                  "payments",
                  "allow-checkout",
                  all(),
                  rule(peers(podPeer(labels("app", "checkout"))))));
      assertThat(verdict(state, "shop/cart", "payments/ledger", 9090, TCP).explanation())
          .isEqualTo(
              "Denied: payments/default-deny-all isolates payments/ledger for ingress and no rule of it or of "
                  + "payments/allow-checkout admits shop/cart on TCP 9090");
    }
  }
}
