package io.hopscope.diagram;

import io.hopscope.policy.Verdict;
import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.policy.Verdict.PolicyResult;
import io.hopscope.policy.Verdict.RuleResult;
import java.util.Locale;

/**
 * A policy decision as a Mermaid flowchart: egress at the source, then ingress at the destination;
 * under each, the policies that select the pod and what each of their rules said; the deciding rule
 * and the verdict highlighted. Deterministic (policies come sorted).
 */
public final class PolicyDiagram {

  private PolicyDiagram() {}

  /** Renders a verdict; null means no NetworkPolicy applies on the path. */
  public static String render(Verdict verdict) {
    Mermaid chart = Mermaid.flowchart("LR");
    chart.classDef("allow", "fill:#e3f6e5,stroke:#2e7d32");
    chart.classDef("deny", "fill:#fde2e2,stroke:#c62828");
    chart.classDef("decide", "fill:#c8e6c9,stroke:#1b5e20,stroke-width:3px");
    chart.classDef("muted", "fill:#f5f5f5,stroke:#9e9e9e,color:#616161");
    if (verdict == null) {
      chart.node("none", "No NetworkPolicy applies on this path", Mermaid.Shape.ROUND, "muted");
      return chart.render();
    }
    direction(chart, "egress", verdict.egress());
    direction(chart, "ingress", verdict.ingress());
    String word = verdict.allowed() ? "ALLOWED" : "DENIED";
    String explanation =
        verdict.explanation().toUpperCase(java.util.Locale.ROOT).startsWith(word)
            ? verdict.explanation().substring(word.length()).replaceFirst("^[:\\s]+", "")
            : verdict.explanation();
    chart.node(
        "verdict",
        word
            + ": "
            + explanation
            + " (ipBlock matches pod IPs: "
            + verdict.ipBlockMatchesPods()
            + ")",
        Mermaid.Shape.STADIUM,
        verdict.allowed() ? "allow" : "deny");
    if (verdict.egress() != null && verdict.ingress() != null) {
      chart.edge(
          "egress",
          "ingress",
          verdict.egress().allowed() ? "then" : "not reached",
          Mermaid.Line.SOLID);
      chart.edge("ingress", "verdict", "", Mermaid.Line.SOLID);
    } else if (verdict.egress() != null) {
      chart.edge("egress", "verdict", "", Mermaid.Line.SOLID);
    } else if (verdict.ingress() != null) {
      chart.edge("ingress", "verdict", "", Mermaid.Line.SOLID);
    }
    return chart.render();
  }

  private static void direction(Mermaid chart, String key, DirectionVerdict dv) {
    if (dv == null) {
      return;
    }
    chart.subgraph(key + ":group", key + " at " + dv.subject());
    String state =
        dv.fromOwnNode() != null
            ? "from its own node: allowed"
            : !dv.enforced()
                ? "not enforced"
                : !dv.isolated()
                    ? "not isolated: allowed"
                    : dv.allowed() ? "isolated: allowed" : "isolated: denied";
    // The note repeats in the verdict's explanation; here the state is enough.
    chart.node(
        key,
        key + " " + dv.subject() + ": " + state,
        Mermaid.Shape.BOX,
        dv.allowed() ? "allow" : "deny");
    for (PolicyResult policy : dv.policies()) {
      String policyKey = key + ":" + policy.namespace() + "/" + policy.name();
      chart.node(
          policyKey,
          "policy "
              + policy.namespace()
              + "/"
              + policy.name()
              + (policy.allows() ? " allows" : " does not allow"),
          Mermaid.Shape.BOX,
          policy.allows() ? "allow" : "deny");
      for (RuleResult rule : policy.rules()) {
        String ruleKey = policyKey + ":" + rule.index();
        boolean deciding =
            dv.decidingRule() != null
                && dv.decidingRule().namespace().equals(policy.namespace())
                && dv.decidingRule().name().equals(policy.name())
                && dv.decidingRule().index() == rule.index()
                && dv.decidingRule().direction() == rule.direction();
        String ruleName =
            rule.direction().name().toLowerCase(Locale.ROOT) + "[" + rule.index() + "]";
        chart.node(
            ruleKey,
            ruleName
                + (rule.matched() ? " matched" : " no match: " + rule.reason())
                + (deciding ? " (deciding rule)" : ""),
            Mermaid.Shape.ROUND,
            deciding ? "decide" : rule.matched() ? "allow" : "muted");
      }
    }
    chart.end();
    for (PolicyResult policy : dv.policies()) {
      String policyKey = key + ":" + policy.namespace() + "/" + policy.name();
      chart.edge(key, policyKey, "selects", Mermaid.Line.DOTTED);
      for (RuleResult rule : policy.rules()) {
        chart.edge(policyKey, policyKey + ":" + rule.index(), "", Mermaid.Line.SOLID);
      }
    }
  }
}
