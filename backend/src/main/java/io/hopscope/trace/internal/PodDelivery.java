package io.hopscope.trace.internal;

import io.hopscope.policy.Verdict;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import io.hopscope.trace.TraceException;

/**
 * The end of a walk at a pod: across nodes when needed (with the MTU check), ingress policy, the
 * destination veth and eth0, its sidecar and the receiving container.
 */
final class PodDelivery {

  private final WalkState w;
  private final PolicyHops policyHops;
  private final Sidecars sidecars;
  private final ContainerPorts ports;

  PodDelivery(WalkState w, PolicyHops policyHops, Sidecars sidecars, ContainerPorts ports) {
    this.w = w;
    this.policyHops = policyHops;
    this.sidecars = sidecars;
    this.ports = ports;
  }

  /** Ingress policy, the destination veth and eth0, its sidecar, the receiving container. */
  void arrive(Pod dst, String dstContainer, Verdict verdict) {
    if (!policyHops.ingressHop(verdict, dst)) {
      return;
    }
    w.datapath.enterPod(w.h, dst, w.port);
    sidecars.inbound(dst);
    String receiver = ports.receivingContainer(dst, dstContainer);
    w.h.add(
        Component.CONTAINER,
        Action.DELIVERED,
        dst.nodeName(),
        "",
        dst.primaryIp() + ":" + w.port,
        "delivered to container " + receiver + " of " + dst.ref() + ports.declaredAs(dst, receiver),
        "delivered",
        WalkState.exec(
            dst, receiver.startsWith("(") ? "" : receiver, "ss -ltn sport = :" + w.port));
    w.reason =
        "delivered to "
            + dst.ref()
            + " ("
            + dst.primaryIp()
            + ":"
            + w.port
            + "/"
            + w.protocol
            + ")";
  }

  void crossNodes(String fromNode, Pod dst) {
    Node from =
        w.ctx
            .node(fromNode)
            .orElseThrow(
                () ->
                    TraceException.notFound(
                        "from", "node " + fromNode + " is not in this cluster state"));
    Node to =
        w.ctx
            .node(dst.nodeName())
            .orElseThrow(
                () ->
                    TraceException.notFound(
                        "to", "node " + dst.nodeName() + " is not in this cluster state"));
    checkMtu(from, to, dst);
    w.datapath.acrossNodes(w.h, from, to, dst);
  }

  private void checkMtu(Node from, Node to, Pod dst) {
    int overhead = w.datapath.overhead(from, to);
    if (overhead <= 0) {
      return;
    }
    int podMtu =
        w.src.hostNetwork() ? w.devices().uplinkMtu(from.name()) : w.devices().podMtu(w.src);
    int uplink = w.devices().uplinkMtu(from.name());
    if (!w.src.hostNetwork() && podMtu + overhead > uplink) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.MTU_EXCEEDS_PATH,
              "pod MTU "
                  + podMtu
                  + " + "
                  + w.datapath.overheadName()
                  + " overhead "
                  + overhead
                  + " = "
                  + (podMtu + overhead)
                  + " bytes exceeds "
                  + from.name()
                  + "'s "
                  + w.devices().uplink(from.name())
                  + " MTU "
                  + uplink
                  + ": full-size packets from "
                  + w.src.ref()
                  + " to "
                  + dst.ref()
                  + " are fragmented or dropped; set the pod MTU to at most "
                  + (uplink - overhead)));
    }
  }
}
