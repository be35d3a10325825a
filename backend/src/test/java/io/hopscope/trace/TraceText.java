package io.hopscope.trace;

import java.util.stream.Collectors;

/** A trace as a plain-text hop table, for golden files and humans. */
final class TraceText {

  private TraceText() {}

  static String of(Trace t) {
    StringBuilder out = new StringBuilder();
    out.append("trace ")
        .append(t.from())
        .append(" -> ")
        .append(t.to())
        .append(" port ")
        .append(t.port())
        .append('/')
        .append(t.protocol())
        .append('\n');
    out.append("datapath: ").append(t.datapath()).append('\n');
    out.append("verdict: ").append(t.verdict()).append(" - ").append(t.reason()).append('\n');
    out.append("hops:\n");
    for (Hop h : t.hops()) {
      out.append(
          String.format(
              "%3d %-14s %-12s %-20s %-16s %s%n",
              h.index(),
              h.component(),
              h.action(),
              h.node().isEmpty() ? "-" : h.node(),
              h.device().isEmpty() ? "-" : h.device(),
              h.address()));
      out.append("      ").append(h.detail()).append('\n');
      h.verify().forEach(v -> out.append("      $ ").append(v).append('\n'));
    }
    out.append("findings:").append(t.findings().isEmpty() ? " none\n" : "\n");
    t.findings()
        .forEach(
            f ->
                out.append("  - ")
                    .append(f.severity())
                    .append(' ')
                    .append(f.kind())
                    .append(": ")
                    .append(f.message())
                    .append('\n'));
    out.append("policy: ")
        .append(
            t.policy() == null
                ? "none"
                : (t.policy().allowed() ? "allowed" : "denied")
                    + " - "
                    + t.policy().explanation()
                    + (t.policy().egress() == null || t.policy().egress().decidingRule() == null
                        ? ""
                        : " [egress rule " + t.policy().egress().decidingRule() + "]")
                    + (t.policy().ingress() == null || t.policy().ingress().decidingRule() == null
                        ? ""
                        : " [ingress rule " + t.policy().ingress().decidingRule() + "]"))
        .append('\n');
    return out.toString()
        .lines()
        .map(String::stripTrailing)
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
