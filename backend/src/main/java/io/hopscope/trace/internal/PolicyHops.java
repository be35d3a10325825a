package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Verdict;
import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;

/** The NETWORK_POLICY hops of a walk: egress at the source, ingress at the destination pod. */
final class PolicyHops {

  private final WalkState w;

  PolicyHops(WalkState w) {
    this.w = w;
  }

  Verdict evaluate(PolicyEndpoint from, PolicyEndpoint to, int destinationPort) {
    return w.ctx
        .policy()
        .evaluate(
            new PolicyQuery(from, to, destinationPort, w.protocol, w.request.ipBlockMatchesPods()));
  }

  /** The egress NETWORK_POLICY hop; false when it drops the packet. */
  boolean egressHop(Verdict verdict, String target) {
    DirectionVerdict egress = verdict.egress();
    boolean allowed = egress == null || egress.allowed();
    noteEnforcement(egress);
    w.h.add(
        Component.NETWORK_POLICY,
        allowed ? Action.FORWARDED : Action.DROPPED,
        w.src.nodeName(),
        w.src.hostNetwork() ? "" : w.datapath.policyDevice(w.src),
        (w.src.hostNetwork() ? "" : w.src.primaryIp() + " -> ") + target + "/" + w.protocol,
        "egress at " + w.src.ref() + ": " + PolicyText.direction(egress),
        allowed ? PolicyText.edge("egress", egress) : "DROPPED by egress policy",
        PolicyText.verify(egress, w.datapath.policyVerify(w.src)));
    if (!allowed) {
      w.denied(
          "egress policy at "
              + w.src.ref()
              + " drops it: "
              + (egress.note().isEmpty() ? "no rule allows " + target : egress.note()));
    }
    return allowed;
  }

  /** The ingress NETWORK_POLICY hop at the destination pod; false when it drops the packet. */
  boolean ingressHop(Verdict verdict, Pod dst) {
    DirectionVerdict ingress = verdict.ingress();
    boolean allowed = ingress == null || ingress.allowed();
    noteEnforcement(ingress);
    w.h.add(
        Component.NETWORK_POLICY,
        allowed ? Action.FORWARDED : Action.DROPPED,
        dst.nodeName(),
        w.datapath.policyDevice(dst),
        dst.primaryIp() + ":" + w.port + "/" + w.protocol,
        "ingress at " + dst.ref() + ": " + PolicyText.direction(ingress),
        allowed ? PolicyText.edge("ingress", ingress) : "DROPPED by ingress policy",
        PolicyText.verify(ingress, w.datapath.policyVerify(dst)));
    if (!allowed) {
      w.policy = verdict;
      w.denied(
          "ingress policy at "
              + dst.ref()
              + " drops it: "
              + (ingress.note().isEmpty() ? "no rule allows it" : ingress.note()));
    }
    return allowed;
  }

  private void noteEnforcement(DirectionVerdict direction) {
    if (!w.datapath.enforcesPolicy() && direction != null && direction.isolated()) {
      w.findings.add(
          Finding.info(
              Finding.Kind.POLICY_ENFORCEMENT_ASSUMED,
              w.datapath.describe()
                  + " does not enforce NetworkPolicy itself; the trace assumes a policy agent (e.g. Canal or kube-network-policies) does"));
    }
  }
}
