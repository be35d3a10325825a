package io.hopscope.policy;

import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.policy.Verdict.RuleRef;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Protocol;
import java.util.List;

/** The clauses and the one sentence that explain a verdict. */
final class Explanations {

  private Explanations() {}

  /** "payments/allow-checkout ingress[0] admits shop/cart to payments/ledger on TCP 9090". */
  static String admitted(
      PolicyType direction,
      RuleRef rule,
      String subject,
      String peer,
      Protocol protocol,
      int port) {
    return direction == PolicyType.INGRESS
        ? rule + " admits " + peer + " to " + subject + " on " + protocol + " " + port
        : rule + " lets " + subject + " reach " + peer + " on " + protocol + " " + port;
  }

  /**
   * "payments/deny isolates payments/ledger for ingress and no rule of it or of x/y admits
   * shop/cart on TCP 9090".
   */
  static String denied(
      PolicyType direction,
      List<NetworkPolicy> policies,
      String subject,
      String peer,
      Protocol protocol,
      int port) {
    // a policy without rules for the direction is the one that only isolates: name it first
    List<NetworkPolicy> ordered = new java.util.ArrayList<>(policies);
    ordered.sort(java.util.Comparator.comparing(p -> rules(p, direction).isEmpty() ? 0 : 1));
    StringBuilder text = new StringBuilder();
    text.append(ordered.get(0).ref())
        .append(" isolates ")
        .append(subject)
        .append(" for ")
        .append(PolicyEvaluator.word(direction))
        .append(" and no rule of it");
    for (int i = 1; i < ordered.size(); i++) {
      text.append(" or of ").append(ordered.get(i).ref());
    }
    if (direction == PolicyType.INGRESS) {
      text.append(" admits ").append(peer);
    } else {
      text.append(" lets it reach ").append(peer);
    }
    return text.append(" on ").append(protocol).append(' ').append(port).toString();
  }

  private static List<NetworkPolicy.PolicyRule> rules(NetworkPolicy policy, PolicyType direction) {
    return direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
  }

  /** "Allowed: ... and ..." or "Denied: ..." naming only the denying directions. */
  static String sentence(
      boolean allowed, DirectionVerdict egress, DirectionVerdict ingress, boolean ipbm) {
    String text;
    if (allowed) {
      text = "Allowed: " + egress.note() + " and " + ingress.note();
    } else if (!egress.allowed() && !ingress.allowed()) {
      text = "Denied: " + egress.note() + "; and " + ingress.note();
    } else {
      text = "Denied: " + (egress.allowed() ? ingress.note() : egress.note());
    }
    if (!ipbm && ignoredIpBlocks(egress, ingress)) {
      text += " (ipBlocks were not matched against pod IPs: ipBlockMatchesPods=false)";
    }
    return text;
  }

  private static boolean ignoredIpBlocks(DirectionVerdict... directions) {
    for (DirectionVerdict d : directions) {
      for (var policy : d.policies()) {
        for (var rule : policy.rules()) {
          if (rule.reason().contains("ipBlockMatchesPods=false")) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
