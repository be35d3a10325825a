package io.hopscope.web;

import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import java.util.ArrayList;
import java.util.List;

/**
 * A NetworkPolicy's rules as one line each for the policies page, e.g. {@code ingress[0]: from pods
 * {app=web} in namespaces {team=shop} · on TCP 8080}.
 */
final class PolicyRules {

  private PolicyRules() {}

  static List<String> lines(NetworkPolicy policy) {
    List<String> lines = new ArrayList<>();
    if (policy.affects(NetworkPolicy.PolicyType.INGRESS) && policy.ingress().isEmpty()) {
      lines.add("ingress: no rule, so no ingress is allowed");
    }
    for (int i = 0; i < policy.ingress().size(); i++) {
      lines.add("ingress[" + i + "]: " + rule(policy.ingress().get(i), "from"));
    }
    if (policy.affects(NetworkPolicy.PolicyType.EGRESS) && policy.egress().isEmpty()) {
      lines.add("egress: no rule, so no egress is allowed");
    }
    for (int i = 0; i < policy.egress().size(); i++) {
      lines.add("egress[" + i + "]: " + rule(policy.egress().get(i), "to"));
    }
    return lines;
  }

  private static String rule(PolicyRule rule, String direction) {
    String peers =
        rule.peers().isEmpty()
            ? direction + " anywhere"
            : direction
                + " "
                + String.join(" or ", rule.peers().stream().map(PolicyRules::peer).toList());
    String ports =
        rule.ports().isEmpty()
            ? "all ports"
            : "on " + String.join(", ", rule.ports().stream().map(PolicyRules::port).toList());
    return peers + " · " + ports;
  }

  private static String peer(PolicyPeer peer) {
    if (peer.ipBlock() != null) {
      return "ipBlock "
          + peer.ipBlock().cidr()
          + (peer.ipBlock().except().isEmpty()
              ? ""
              : " except " + String.join(", ", peer.ipBlock().except()));
    }
    String pods =
        peer.podSelector() == null || peer.podSelector().isEmpty()
            ? "all pods"
            : "pods {" + peer.podSelector() + "}";
    if (peer.namespaceSelector() == null) {
      return pods + " of the policy's namespace";
    }
    return peer.namespaceSelector().isEmpty()
        ? pods + " in every namespace"
        : pods + " in namespaces {" + peer.namespaceSelector() + "}";
  }

  private static String port(PolicyPort port) {
    if (port.port() == null) {
      return "every " + port.protocol() + " port";
    }
    return port.protocol() + " " + port.port() + (port.endPort() > 0 ? "-" + port.endPort() : "");
  }
}
