package io.hopscope.trace.internal;

import io.hopscope.policy.Verdict.DirectionVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a policy direction reads on a NETWORK_POLICY hop: its detail, its edge label, its verify
 * commands.
 */
final class PolicyText {

  private PolicyText() {}

  /** One clause: not enforced, not isolated, allowed by which rule, or denied and why. */
  static String direction(DirectionVerdict dv) {
    if (dv == null) {
      return "not evaluated";
    }
    String policies =
        dv.policies().stream()
            .map(p -> p.namespace() + "/" + p.name())
            .collect(Collectors.joining(", "));
    if (dv.fromOwnNode() != null) {
      return dv.note() + "; selecting policies: " + policies;
    }
    if (!dv.enforced()) {
      return "not enforced" + (dv.note().isEmpty() ? "" : " (" + dv.note() + ")");
    }
    if (!dv.isolated()) {
      return "no NetworkPolicy selects "
          + dv.subject()
          + " for "
          + dv.direction().name().toLowerCase(Locale.ROOT)
          + ": allowed";
    }
    if (dv.allowed()) {
      return "allowed by "
          + (dv.decidingRule() == null ? "a rule of " + policies : dv.decidingRule().toString())
          + "; selecting policies: "
          + policies;
    }
    return "denied: "
        + (dv.note().isEmpty()
            ? dv.subject() + " is isolated by " + policies + " and no rule matches"
            : dv.note());
  }

  /** The short edge label of an admitted packet. */
  static String edge(String direction, DirectionVerdict dv) {
    if (dv != null && dv.fromOwnNode() != null) {
      return direction + " from own node: allowed";
    }
    if (dv == null || !dv.enforced()) {
      return direction + " not enforced";
    }
    if (!dv.isolated()) {
      return direction + " not isolated";
    }
    return dv.decidingRule() == null ? direction + " allowed" : "allowed by " + dv.decidingRule();
  }

  /** Each selecting policy's YAML, then the datapath's own commands. */
  static String[] verify(DirectionVerdict dv, List<String> datapathCommands) {
    List<String> out = new ArrayList<>();
    if (dv != null) {
      dv.policies()
          .forEach(
              p ->
                  out.add(
                      "kubectl get networkpolicy -n "
                          + p.namespace()
                          + " "
                          + p.name()
                          + " -o yaml"));
    }
    for (String command : datapathCommands) {
      if (!out.contains(command)) {
        out.add(command);
      }
    }
    return out.toArray(String[]::new);
  }
}
