package io.hopscope.policy;

import io.hopscope.policy.internal.PolicyIndex;
import io.hopscope.policy.internal.PolicyIndex.SelectorPeer;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds likely mistakes in a state's NetworkPolicies: policies that select no pod, peers that
 * select nothing, named ports no pod declares, and egress isolation without a way to DNS. A pure
 * function of the state (through the evaluator's indexes); findings are sorted by policy.
 */
public final class PolicyLint {

  private static final int DNS_PORT = 53;

  private PolicyLint() {}

  public static List<PolicyFinding> findings(PolicyEvaluator evaluator) {
    PolicyIndex index = evaluator.index();
    List<PolicyFinding> out = new ArrayList<>();
    Map<NetworkPolicy, List<SelectorPeer>> peersByPolicy = new IdentityHashMap<>();
    for (SelectorPeer peer : index.selectorPeers()) {
      peersByPolicy.computeIfAbsent(peer.policy(), p -> new ArrayList<>()).add(peer);
    }
    Map<List<NetworkPolicy>, Boolean> dnsBySelection = new java.util.HashMap<>();
    List<NetworkPolicy> policies = new ArrayList<>(index.state().networkPolicies());
    policies.sort(java.util.Comparator.comparing(NetworkPolicy::ref));
    for (NetworkPolicy policy : policies) {
      String name = policy.ref().toString();
      List<Pod> selected = index.podsSelectedBy(policy);
      if (selected.isEmpty()) {
        out.add(
            new PolicyFinding(
                PolicyFinding.Kind.SELECTS_NO_POD,
                name,
                "",
                name
                    + " selects no pod: podSelector "
                    + policy.podSelector()
                    + " matches nothing in namespace "
                    + policy.namespace()));
      }
      for (SelectorPeer peer : peersByPolicy.getOrDefault(policy, List.of())) {
        if (index.podsSelectedBy(peer).isEmpty()) {
          out.add(
              new PolicyFinding(
                  PolicyFinding.Kind.PEER_SELECTS_NOTHING,
                  name,
                  rule(peer.direction(), peer.rule()),
                  name
                      + " "
                      + rule(peer.direction(), peer.rule())
                      + " has a peer that selects no pod ("
                      + describe(peer.peer())
                      + ")"));
        }
      }
      namedPorts(index, policy, selected, peersByPolicy.getOrDefault(policy, List.of()), out);
      if (policy.affects(PolicyType.EGRESS) && !selected.isEmpty()) {
        long withoutDns =
            selected.stream()
                .filter(
                    pod ->
                        !dnsBySelection.computeIfAbsent(
                            index.selecting(pod).egress(), PolicyLint::allowsDns))
                .count();
        if (withoutDns > 0) {
          out.add(
              new PolicyFinding(
                  PolicyFinding.Kind.EGRESS_WITHOUT_DNS,
                  name,
                  "",
                  name
                      + " isolates egress of "
                      + withoutDns
                      + (withoutDns == 1 ? " pod" : " pods")
                      + " and no egress rule lets "
                      + (withoutDns == 1 ? "it" : "them")
                      + " reach DNS (UDP 53): name resolution will fail"));
        }
      }
    }
    return List.copyOf(out);
  }

  private static void namedPorts(
      PolicyIndex index,
      NetworkPolicy policy,
      List<Pod> selected,
      List<SelectorPeer> peers,
      List<PolicyFinding> out) {
    for (PolicyType direction : PolicyType.values()) {
      List<PolicyRule> rules = direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
      for (int r = 0; r < rules.size(); r++) {
        PolicyRule rule = rules.get(r);
        Collection<Pod> destinations = null;
        for (PolicyPort port : rule.ports()) {
          if (port.port() == null || !port.port().isNamed()) {
            continue;
          }
          if (destinations == null) {
            destinations =
                direction == PolicyType.INGRESS
                    ? selected
                    : egressDestinations(index, rule, r, peers);
          }
          String portName = port.port().name();
          Protocol protocol = port.protocol();
          if (destinations.stream()
              .noneMatch(pod -> pod.namedPort(portName, protocol).isPresent())) {
            String ruleName = rule(direction, r);
            out.add(
                new PolicyFinding(
                    PolicyFinding.Kind.NAMED_PORT_UNRESOLVED,
                    policy.ref().toString(),
                    ruleName,
                    policy.ref()
                        + " "
                        + ruleName
                        + " names port "
                        + portName
                        + "/"
                        + protocol
                        + ", which no "
                        + (direction == PolicyType.INGRESS ? "selected pod" : "destination pod")
                        + " declares"));
          }
        }
      }
    }
  }

  /**
   * The pods an egress rule can reach: those its selector peers select, or every pod when it has no
   * or ipBlock peers.
   */
  private static Collection<Pod> egressDestinations(
      PolicyIndex index, PolicyRule rule, int ruleIndex, List<SelectorPeer> peers) {
    if (rule.peers().isEmpty() || rule.peers().stream().anyMatch(p -> p.ipBlock() != null)) {
      return index.state().pods();
    }
    Set<Pod> out = new LinkedHashSet<>();
    for (SelectorPeer peer : peers) {
      if (peer.direction() == PolicyType.EGRESS && peer.rule() == ruleIndex) {
        out.addAll(index.podsSelectedBy(peer));
      }
    }
    return out;
  }

  /** Whether some egress rule of the policies admits UDP 53 to some peer. */
  private static boolean allowsDns(List<NetworkPolicy> egressPolicies) {
    for (NetworkPolicy policy : egressPolicies) {
      for (PolicyRule rule : policy.egress()) {
        if (rule.ports().isEmpty()) {
          return true;
        }
        for (PolicyPort port : rule.ports()) {
          if (port.protocol() != Protocol.UDP) {
            continue;
          }
          if (port.port() == null || port.port().isNamed()) {
            return true;
          }
          int last = port.endPort() > 0 ? port.endPort() : port.port().number();
          if (port.port().number() <= DNS_PORT && DNS_PORT <= last) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String rule(PolicyType direction, int index) {
    return PolicyEvaluator.word(direction) + "[" + index + "]";
  }

  private static String describe(PolicyPeer peer) {
    List<String> parts = new ArrayList<>();
    if (peer.namespaceSelector() != null) {
      parts.add("namespaceSelector " + peer.namespaceSelector());
    }
    if (peer.podSelector() != null) {
      parts.add("podSelector " + peer.podSelector());
    }
    return String.join(", ", parts);
  }
}
