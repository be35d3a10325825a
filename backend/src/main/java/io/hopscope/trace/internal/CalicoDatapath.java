package io.hopscope.trace.internal;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import java.util.List;

/**
 * Calico: no bridge; each pod's {@code cali*} veth is routed by the host (proxy ARP answers the
 * pods' 169.254.1.1 gateway). Across nodes: BGP-learnt native routes (BIRD), or {@code tunl0}
 * IP-in-IP, or {@code vxlan.calico}; {@code wireguard.cali} when WireGuard is on. Felix enforces
 * policy in the {@code cali-fw-*} / {@code cali-tw-*} chains of each veth.
 */
final class CalicoDatapath extends Datapath {

  /** Calico IPAM's default block sizes: routes between nodes are per block. */
  static final int DEFAULT_V4_BLOCK = 26;

  static final int DEFAULT_V6_BLOCK = 122;

  CalicoDatapath(Devices devices, AgentPods agents) {
    super(devices, agents);
  }

  @Override
  public String describe() {
    String cross = profile.crossSubnet() ? " CrossSubnet" : "";
    String mode =
        switch (profile.mode()) {
          case IPIP -> "Calico IPIP" + cross;
          case VXLAN -> "Calico VXLAN" + cross;
          default -> "Calico BGP";
        };
    return profile.wireguard() ? mode + " + WireGuard" : mode;
  }

  @Override
  public int overhead() {
    if (profile.wireguard()) {
      return 60;
    }
    return profile.mode() == CniMode.IPIP ? 20 : profile.mode() == CniMode.VXLAN ? 50 : 0;
  }

  @Override
  public int overhead(Node from, Node to) {
    return profile.wireguard()
            || !profile.crossSubnet()
            || CrossSubnet.between(from, to).encapsulate()
        ? overhead()
        : 0;
  }

  @Override
  public String overheadName() {
    return profile.wireguard()
        ? "WireGuard"
        : profile.mode() == CniMode.IPIP ? "IPIP" : profile.mode() == CniMode.VXLAN ? "VXLAN" : "";
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    return "the pod's default route is 169.254.1.1 via "
        + devices.podInterface(pod)
        + "; "
        + devices.hostVeth(pod)
        + " answers ARP for it (proxy ARP), so everything goes to the host";
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    hostToLocalPod(h, src.nodeName(), dst);
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    String veth = devices.hostVeth(dst);
    h.add(
        Component.ROUTING,
        Action.FORWARDED,
        node,
        veth,
        dst.primaryIp(),
        "route "
            + dst.primaryIp()
            + " dev "
            + veth
            + " scope link (Felix programs a /32 per local pod)",
        "route dev " + veth,
        "ip route get " + dst.primaryIp());
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod target) {
    String dst = target.primaryIp();
    String uplink = devices.uplink(from.name());
    String block = block(to.name(), dst);
    // CrossSubnet: said on the route hop; "assumed: " when a node's subnet is unknown.
    CrossSubnet rule =
        profile.crossSubnet() && !profile.wireguard() ? CrossSubnet.between(from, to) : null;
    String because = rule == null ? "" : " (" + rule.why() + ")";
    String assumed = rule != null && rule.assumed() ? "assumed: " : "";
    if (rule != null && !rule.encapsulate()) {
      h.add(
          Component.ROUTING,
          Action.FORWARDED,
          from.name(),
          uplink,
          dst,
          nativeRoute(block, to, uplink)
              + (profile.mode() == CniMode.IPIP
                  ? " proto bird: a native route learnt over BGP (BIRD)"
                  : ": a native route programmed by Felix")
              + because,
          "routed, same subnet",
          "ip route get " + dst,
          "calicoctl get ippool -o wide");
      underlay(h, from, to, "host " + dst, "native routing");
      hostToLocalPod(h, to.name(), target);
      return;
    }
    if (profile.wireguard()) {
      Tunnel t = tunnel(from.name(), "wireguard.cali", TunnelKind.WIREGUARD, 0, 51820);
      h.add(
          Component.ROUTING,
          Action.FORWARDED,
          from.name(),
          t.name(),
          dst,
          "Calico's WireGuard routing table sends traffic for "
              + to.name()
              + "'s pods to "
              + t.name(),
          "route via " + t.name(),
          "ip rule",
          "ip route show table all | grep " + t.name());
      h.add(
          Component.TUNNEL,
          Action.ENCAPSULATED,
          from.name(),
          t.name(),
          from.internalIp() + " -> " + to.internalIp(),
          "WireGuard encrypts the packet for peer " + to.name() + " (UDP " + t.port() + ")",
          "WireGuard encrypt UDP " + t.port(),
          "wg show " + t.name(),
          "calicoctl node status");
      underlay(h, from, to, "udp port " + t.port(), "underlay UDP " + t.port());
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          t.name(),
          dst,
          "WireGuard on " + to.name() + " decrypts the packet",
          "WireGuard decrypt",
          "wg show " + t.name());
    } else if (profile.mode() == CniMode.IPIP) {
      Tunnel t = tunnel(from.name(), "tunl0", TunnelKind.IPIP, 0, 0);
      h.add(
          Component.ROUTING,
          Action.FORWARDED,
          from.name(),
          t.name(),
          dst,
          assumed
              + "route "
              + block
              + " via "
              + to.internalIp()
              + " dev "
              + t.name()
              + " onlink proto bird (learnt over BGP)"
              + because,
          "route via " + t.name(),
          "ip route get " + dst,
          "calicoctl node status");
      h.add(
          Component.TUNNEL,
          Action.ENCAPSULATED,
          from.name(),
          t.name(),
          from.internalIp() + " -> " + to.internalIp(),
          "IP-in-IP encapsulation (IP protocol 4, 20 bytes) towards " + to.internalIp(),
          "IPIP encap",
          "ip -d link show " + t.name());
      underlay(h, from, to, "ip proto 4", "underlay IPIP");
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          t.name(),
          dst,
          to.name() + "'s " + t.name() + " strips the outer IP header",
          "IPIP decap",
          "tcpdump -ni " + t.name() + " host " + dst);
    } else if (profile.mode() == CniMode.VXLAN) {
      Tunnel t = tunnel(from.name(), "vxlan.calico", TunnelKind.VXLAN, 4096, 4789);
      h.add(
          Component.ROUTING,
          Action.FORWARDED,
          from.name(),
          t.name(),
          dst,
          assumed
              + "route "
              + block
              + " via the VTEP of "
              + to.name()
              + " dev "
              + t.name()
              + " onlink (programmed by Felix)"
              + because,
          "route via " + t.name(),
          "ip route get " + dst);
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
              + " towards "
              + to.internalIp(),
          "VXLAN encap VNI " + t.vni() + " UDP " + t.port(),
          "ip -d link show " + t.name(),
          "bridge fdb show dev " + t.name());
      underlay(h, from, to, "udp port " + t.port(), "underlay UDP " + t.port());
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          t.name(),
          dst,
          to.name() + "'s " + t.name() + " strips the VXLAN headers",
          "VXLAN decap",
          "tcpdump -ni " + t.name() + " host " + dst);
    } else {
      h.add(
          Component.ROUTING,
          Action.FORWARDED,
          from.name(),
          uplink,
          dst,
          nativeRoute(block, to, uplink)
              + " proto bird: a native route learnt over BGP (BIRD), no encapsulation",
          "BGP route via " + to.internalIp(),
          "ip route get " + dst,
          "ip route show proto bird",
          "calicoctl node status");
      underlay(h, from, to, "host " + dst, "native routing");
    }
    hostToLocalPod(h, to.name(), target);
  }

  /** The kernel route of a block to another node over the uplink, with no tunnel. */
  private static String nativeRoute(String block, Node to, String uplink) {
    return "route " + block + " via " + to.internalIp() + " dev " + uplink;
  }

  /**
   * The route that carries {@code dst} to {@code node}: the node's pod CIDR when it holds the
   * address, else the Calico IPAM block around it (/26 for IPv4, /122 for IPv6 by default).
   */
  private String block(String node, String dst) {
    String cidr = podCidr(node);
    if (!cidr.isEmpty() && IpAddresses.isLiteral(dst) && IpAddresses.contains(cidr, dst)) {
      return cidr;
    }
    if (!IpAddresses.isLiteral(dst)) {
      return "the pod's block";
    }
    int blockSize = IpAddresses.isV6(dst) ? DEFAULT_V6_BLOCK : DEFAULT_V4_BLOCK;
    return IpAddresses.network(dst, blockSize) + " block";
  }

  private void underlay(HopRecorder h, Node from, Node to, String filter, String edge) {
    String uplink = devices.uplink(from.name());
    h.add(
        Component.UNDERLAY,
        Action.FORWARDED,
        from.name(),
        uplink,
        from.internalIp() + " -> " + to.internalIp(),
        "crosses the node network from " + from.name() + " to " + to.name(),
        edge,
        "tcpdump -ni " + uplink + " " + filter);
  }

  @Override
  public String masqueradeDetail() {
    return "Calico natOutgoing on the IP pool (destination outside every pool)";
  }

  @Override
  public String[] masqueradeVerify(String node) {
    return new String[] {"iptables -t nat -S cali-nat-outgoing", "calicoctl get ippool -o wide"};
  }

  @Override
  public List<String> policyVerify(Pod pod) {
    String veth = devices.hostVeth(pod);
    return List.of(
        "iptables -L cali-fw-" + veth + " -n -v",
        "iptables -L cali-tw-" + veth + " -n -v",
        "kubectl get networkpolicy -n " + pod.namespace());
  }
}
