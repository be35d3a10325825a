package io.hopscope.trace.internal;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;

/**
 * Flannel: pods hang off the {@code cni0} bridge; across nodes a route per peer pod CIDR points at
 * {@code flannel.1} (VXLAN, the peer's VTEP learnt in the bridge fdb), at the peer node itself
 * (host-gw, L2 adjacency needed) or at {@code flannel-wg} (WireGuard).
 */
final class FlannelDatapath extends Datapath {

  FlannelDatapath(Devices devices, AgentPods agents) {
    super(devices, agents);
  }

  @Override
  public String describe() {
    return switch (profile.mode()) {
      case VXLAN -> "Flannel VXLAN";
      case HOST_GW -> "Flannel host-gw";
      default -> "Flannel WireGuard";
    };
  }

  @Override
  public boolean enforcesPolicy() {
    return false;
  }

  @Override
  public int overhead() {
    return switch (profile.mode()) {
      case VXLAN -> 50;
      case WIREGUARD -> 60;
      default -> 0;
    };
  }

  @Override
  public String overheadName() {
    return profile.mode() == CniMode.VXLAN
        ? "VXLAN"
        : profile.mode() == CniMode.WIREGUARD ? "WireGuard" : "";
  }

  private String cni0(String node) {
    return devices.bridge(node, "cni0");
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    return "the pod's default route points at "
        + gateway(pod.nodeName())
        + " ("
        + cni0(pod.nodeName())
        + " on "
        + pod.nodeName()
        + ")";
  }

  @Override
  public void leavePod(HopRecorder h, Pod src, String container, String dst, boolean local) {
    super.leavePod(h, src, container, dst, local);
    String bridge = cni0(src.nodeName());
    if (!local) {
      h.add(
          Component.BRIDGE,
          Action.FORWARDED,
          src.nodeName(),
          bridge,
          gateway(src.nodeName()),
          "the frame is addressed to the gateway "
              + gateway(src.nodeName())
              + " ("
              + bridge
              + "), so it goes up to the node's IP stack",
          bridge,
          "bridge link show master " + bridge,
          "ip addr show " + bridge);
    }
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    String bridge = cni0(src.nodeName());
    h.add(
        Component.BRIDGE,
        Action.FORWARDED,
        src.nodeName(),
        bridge,
        dst.primaryIp(),
        "same node: "
            + bridge
            + " switches the frame from "
            + devices.hostVeth(src)
            + " to "
            + devices.hostVeth(dst)
            + " (L2, MAC learnt in the bridge fdb)",
        "bridged",
        "bridge fdb show br " + bridge,
        "bridge link show master " + bridge);
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    String bridge = cni0(node);
    h.add(
        Component.ROUTING,
        Action.FORWARDED,
        node,
        bridge,
        dst.primaryIp(),
        "route " + podCidr(node) + " dev " + bridge + ": the destination is a pod of this node",
        "local route",
        "ip route get " + dst.primaryIp());
    h.add(
        Component.BRIDGE,
        Action.FORWARDED,
        node,
        bridge,
        dst.primaryIp(),
        bridge + " forwards the frame to " + devices.hostVeth(dst),
        "bridged",
        "bridge fdb show br " + bridge);
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod target) {
    betweenNodes(h, from, to, target);
    hostToLocalPod(h, to.name(), target);
  }

  /** From {@code from}'s stack to {@code to}'s over the backend (Canal arrives its own way). */
  void betweenNodes(HopRecorder h, Node from, Node to, Pod target) {
    String dst = target.primaryIp();
    String peerCidr = podCidr(to.name());
    String uplink = devices.uplink(from.name());
    switch (profile.mode()) {
      case VXLAN -> {
        Tunnel t = tunnel(from.name(), "flannel.1", TunnelKind.VXLAN, 1, 8472);
        String vtep = networkAddress(peerCidr);
        h.add(
            Component.ROUTING,
            Action.FORWARDED,
            from.name(),
            t.name(),
            dst,
            "route "
                + peerCidr
                + " via "
                + vtep
                + " dev "
                + t.name()
                + " onlink (written by flanneld for "
                + to.name()
                + ")",
            "route via " + t.name(),
            "ip route get " + dst,
            "ip route show " + peerCidr);
        h.add(
            Component.TUNNEL,
            Action.ENCAPSULATED,
            from.name(),
            t.name(),
            from.internalIp() + " -> " + to.internalIp(),
            "VXLAN encapsulation, VNI "
                + t.vni()
                + ", UDP "
                + t.port()
                + ": the peer VTEP "
                + vtep
                + " resolves to "
                + to.internalIp()
                + " in the fdb of "
                + t.name(),
            "VXLAN encap VNI " + t.vni() + " UDP " + t.port(),
            "ip -d link show " + t.name(),
            "bridge fdb show dev " + t.name(),
            "ip neigh show dev " + t.name());
        h.add(
            Component.UNDERLAY,
            Action.FORWARDED,
            from.name(),
            uplink,
            from.internalIp() + " -> " + to.internalIp(),
            "the outer UDP packet crosses the node network from "
                + from.name()
                + " to "
                + to.name(),
            "underlay UDP " + t.port(),
            "tcpdump -ni " + uplink + " udp port " + t.port() + " and host " + to.internalIp());
        Tunnel peer = tunnel(to.name(), "flannel.1", TunnelKind.VXLAN, 1, 8472);
        h.add(
            Component.TUNNEL,
            Action.DECAPSULATED,
            to.name(),
            peer.name(),
            dst,
            "the kernel VXLAN socket on UDP "
                + peer.port()
                + " strips the outer headers; the inner packet appears on "
                + peer.name(),
            "VXLAN decap",
            "tcpdump -ni " + peer.name() + " host " + dst);
      }
      case HOST_GW -> {
        h.add(
            Component.ROUTING,
            Action.FORWARDED,
            from.name(),
            uplink,
            dst,
            "route "
                + peerCidr
                + " via "
                + to.internalIp()
                + " dev "
                + uplink
                + " (host-gw: the peer node is the next hop; needs L2 adjacency)",
            "route via " + to.internalIp(),
            "ip route get " + dst,
            "ip route show " + peerCidr);
        h.add(
            Component.UNDERLAY,
            Action.FORWARDED,
            from.name(),
            uplink,
            from.internalIp() + " -> " + to.internalIp(),
            "the unencapsulated pod packet is sent to " + to.name() + "'s MAC on the node network",
            "direct route",
            "tcpdump -ni " + uplink + " host " + dst);
      }
      default -> {
        Tunnel t = tunnel(from.name(), "flannel-wg", TunnelKind.WIREGUARD, 0, 51820);
        h.add(
            Component.ROUTING,
            Action.FORWARDED,
            from.name(),
            t.name(),
            dst,
            "route " + peerCidr + " dev " + t.name() + " (flannel wireguard backend)",
            "route via " + t.name(),
            "ip route get " + dst);
        h.add(
            Component.TUNNEL,
            Action.ENCAPSULATED,
            from.name(),
            t.name(),
            from.internalIp() + " -> " + to.internalIp(),
            "WireGuard encrypts the packet for the peer " + to.name() + " (UDP " + t.port() + ")",
            "WireGuard encrypt UDP " + t.port(),
            "wg show " + t.name());
        h.add(
            Component.UNDERLAY,
            Action.FORWARDED,
            from.name(),
            uplink,
            from.internalIp() + " -> " + to.internalIp(),
            "the encrypted UDP packet crosses the node network",
            "underlay UDP " + t.port(),
            "tcpdump -ni " + uplink + " udp port " + t.port());
        h.add(
            Component.TUNNEL,
            Action.DECAPSULATED,
            to.name(),
            t.name(),
            dst,
            "WireGuard on " + to.name() + " decrypts the packet",
            "WireGuard decrypt",
            "wg show " + t.name());
      }
    }
  }

  @Override
  public String masqueradeDetail() {
    return "flanneld's masquerade rule (source in the pod network, destination outside it)";
  }

  @Override
  public String[] masqueradeVerify(String node) {
    return new String[] {"iptables -t nat -S FLANNEL-POSTRTG"};
  }
}
