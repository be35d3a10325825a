package io.hopscope.trace.internal;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import java.util.List;

/**
 * Weave Net: pods hang off the {@code weave} bridge; across nodes the fast datapath (kernel OVS)
 * encapsulates in VXLAN on UDP 6784 ({@code vxlan-6784}), or the sleeve (the weave router in user
 * space, UDP 6783). weave-npc enforces policy with iptables.
 */
final class WeaveDatapath extends Datapath {

  WeaveDatapath(Devices devices, AgentPods agents) {
    super(devices, agents);
  }

  @Override
  public String describe() {
    return profile.mode() == CniMode.SLEEVE ? "Weave sleeve" : "Weave fast datapath";
  }

  @Override
  public int overhead() {
    return 50;
  }

  @Override
  public String overheadName() {
    return profile.mode() == CniMode.SLEEVE ? "Weave sleeve (UDP)" : "VXLAN";
  }

  private String bridge(String node) {
    return devices.bridge(node, "weave");
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    return "the pod's default route points at the weave bridge address on " + pod.nodeName();
  }

  @Override
  public void leavePod(HopRecorder h, Pod src, String container, String dst, boolean local) {
    super.leavePod(h, src, container, dst, local);
    if (!local) {
      String bridge = bridge(src.nodeName());
      h.add(
          Component.BRIDGE,
          Action.FORWARDED,
          src.nodeName(),
          bridge,
          dst,
          "the weave bridge hands the frame to the node's stack, or to the weave datapath for a remote pod",
          bridge,
          "bridge link show master " + bridge);
    }
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    String bridge = bridge(src.nodeName());
    h.add(
        Component.BRIDGE,
        Action.FORWARDED,
        src.nodeName(),
        bridge,
        dst.primaryIp(),
        "same node: the weave bridge switches the frame from "
            + devices.hostVeth(src)
            + " to "
            + devices.hostVeth(dst),
        "bridged",
        "bridge fdb show br " + bridge);
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    String bridge = bridge(node);
    h.add(
        Component.BRIDGE,
        Action.FORWARDED,
        node,
        bridge,
        dst.primaryIp(),
        "the weave bridge delivers the frame to " + devices.hostVeth(dst),
        "bridged",
        "bridge fdb show br " + bridge);
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod target) {
    String dst = target.primaryIp();
    String uplink = devices.uplink(from.name());
    if (profile.mode() == CniMode.SLEEVE) {
      h.add(
          Component.TUNNEL,
          Action.ENCAPSULATED,
          from.name(),
          bridge(from.name()),
          from.internalIp() + " -> " + to.internalIp(),
          "sleeve: the weave router (user space) captures the frame and sends it to the peer router over UDP 6783",
          "sleeve UDP 6783",
          agents.exec(
              AgentPods.Agent.WEAVE, from.name(), "/home/weave/weave --local status connections"));
      h.add(
          Component.UNDERLAY,
          Action.FORWARDED,
          from.name(),
          uplink,
          from.internalIp() + " -> " + to.internalIp(),
          "crosses the node network",
          "underlay UDP 6783",
          "tcpdump -ni " + uplink + " udp port 6783");
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          bridge(to.name()),
          dst,
          "the weave router on " + to.name() + " injects the frame into the weave bridge",
          "sleeve decap",
          agents.logs(AgentPods.Agent.WEAVE, to.name(), "weave"));
    } else {
      Tunnel t = tunnel(from.name(), "vxlan-6784", TunnelKind.VXLAN, 0, 6784);
      h.add(
          Component.TUNNEL,
          Action.ENCAPSULATED,
          from.name(),
          t.name(),
          from.internalIp() + " -> " + to.internalIp(),
          "fast datapath: the kernel OVS datapath encapsulates in VXLAN (UDP "
              + t.port()
              + ") towards "
              + to.name(),
          "VXLAN encap UDP " + t.port(),
          "ip -d link show " + t.name(),
          agents.exec(
              AgentPods.Agent.WEAVE, from.name(), "/home/weave/weave --local status connections"));
      h.add(
          Component.UNDERLAY,
          Action.FORWARDED,
          from.name(),
          uplink,
          from.internalIp() + " -> " + to.internalIp(),
          "crosses the node network",
          "underlay UDP " + t.port(),
          "tcpdump -ni " + uplink + " udp port " + t.port());
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          t.name(),
          dst,
          to.name() + "'s datapath decapsulates and hands the frame to the weave bridge",
          "VXLAN decap",
          "ip -d link show " + t.name());
    }
    hostToLocalPod(h, to.name(), target);
  }

  @Override
  public String masqueradeDetail() {
    return "Weave's WEAVE nat chain (source in the Weave range, destination outside it)";
  }

  @Override
  public String[] masqueradeVerify(String node) {
    return new String[] {"iptables -t nat -S WEAVE"};
  }

  @Override
  public List<String> policyVerify(Pod pod) {
    return List.of(
        "iptables -L WEAVE-NPC -n -v",
        agents.logs(AgentPods.Agent.WEAVE, pod.nodeName(), "weave-npc"),
        "kubectl get networkpolicy -n " + pod.namespace());
  }
}
