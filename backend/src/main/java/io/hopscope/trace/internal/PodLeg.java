package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;

/**
 * A pod of the cluster reached on its own address: same node, across nodes, or a hostNetwork pod.
 */
final class PodLeg {

  private final WalkState w;
  private final PolicyHops policyHops;
  private final Sidecars sidecars;
  private final ContainerPorts ports;
  private final PodDelivery delivery;
  private final NodeLeg nodeLeg;

  PodLeg(
      WalkState w,
      PolicyHops policyHops,
      Sidecars sidecars,
      ContainerPorts ports,
      PodDelivery delivery,
      NodeLeg nodeLeg) {
    this.w = w;
    this.policyHops = policyHops;
    this.sidecars = sidecars;
    this.ports = ports;
    this.delivery = delivery;
    this.nodeLeg = nodeLeg;
  }

  /** A pod of the cluster reached on its own address (no Service in between). */
  void toPod(Pod dst, String dstContainer) {
    if (!WalkState.running(dst)) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.POD_NOT_RUNNING,
              "destination pod " + dst.ref() + " is " + WalkState.describeState(dst)));
      w.h.add(
          Component.ROUTING,
          Action.DROPPED,
          w.src.nodeName(),
          "",
          dst.ref().toString(),
          dst.ref() + " is " + WalkState.describeState(dst) + ": nothing receives the packet",
          "not running",
          "kubectl get pod -n " + dst.namespace() + " " + dst.name() + " -o wide");
      w.unreachable("the destination pod " + dst.ref() + " is " + WalkState.describeState(dst));
      return;
    }
    ports.checkPortConflicts(dst);
    if (dst.hostNetwork()) {
      Node node = w.ctx.node(dst.nodeName()).orElseThrow();
      nodeLeg.toHost(node, dst.primaryIp(), dst, new PolicyEndpoint.PodPeer(dst));
      return;
    }
    Verdict verdict =
        policyHops.evaluate(
            new PolicyEndpoint.PodPeer(w.src), new PolicyEndpoint.PodPeer(dst), w.port);
    w.policy = verdict;
    sidecars.outbound(dst);
    boolean sameNode = w.src.nodeName().equals(dst.nodeName());
    if (!w.src.hostNetwork()) {
      w.datapath.leavePod(w.h, w.src, w.srcContainer, dst.primaryIp(), sameNode);
    }
    if (!policyHops.egressHop(verdict, dst.primaryIp() + ":" + w.port)) {
      return;
    }
    if (sameNode) {
      if (w.src.hostNetwork()) {
        w.datapath.hostToLocalPod(w.h, w.src.nodeName(), dst);
      } else {
        w.datapath.betweenLocalPods(w.h, w.src, dst);
      }
    } else {
      delivery.crossNodes(w.src.nodeName(), dst);
    }
    delivery.arrive(dst, dstContainer, verdict);
  }
}
