package io.hopscope.trace.internal;

import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;

/**
 * A generic L3 model for CNIs Hopscope does not know: a veth per pod, host routing, the node
 * network between nodes. Every hop is labelled "assumed".
 */
final class GenericDatapath extends Datapath {

  private final String because;

  GenericDatapath(Devices devices, AgentPods agents, String because) {
    super(devices, agents);
    this.because = because;
  }

  @Override
  public String describe() {
    return "generic L3 (assumed: " + because + ")";
  }

  @Override
  public boolean assumed() {
    return true;
  }

  @Override
  public String assumedBecause() {
    return because;
  }

  @Override
  public int overhead() {
    return 0;
  }

  @Override
  public String overheadName() {
    return "";
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    return "the pod's default route leads to its node " + pod.nodeName();
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    hostToLocalPod(h, src.nodeName(), dst);
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    h.add(
        Component.ROUTING,
        Action.FORWARDED,
        node,
        devices.hostVeth(dst),
        dst.primaryIp(),
        "the node routes " + dst.primaryIp() + " to the destination pod's veth",
        "host route",
        "ip route get " + dst.primaryIp());
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod target) {
    String dst = target.primaryIp();
    String uplink = devices.uplink(from.name());
    h.add(
        Component.ROUTING,
        Action.FORWARDED,
        from.name(),
        uplink,
        dst,
        "the node routes "
            + dst
            + " towards "
            + to.name()
            + " ("
            + to.internalIp()
            + "); the CNI may encapsulate here",
        "route via " + to.name(),
        "ip route get " + dst);
    h.add(
        Component.UNDERLAY,
        Action.FORWARDED,
        from.name(),
        uplink,
        from.internalIp() + " -> " + to.internalIp(),
        "crosses the node network",
        "underlay",
        "tcpdump -ni " + uplink + " host " + to.internalIp());
    hostToLocalPod(h, to.name(), target);
  }

  @Override
  public String masqueradeDetail() {
    return "masquerade of pod traffic leaving the cluster (usual CNI behaviour)";
  }
}
