package io.hopscope.trace.internal;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import java.util.List;

/**
 * Cilium: {@code lxc*} veths with eBPF programs on tc (no bridge); local delivery is a BPF redirect
 * to the peer veth; across nodes {@code cilium_vxlan} (UDP 8472), {@code cilium_geneve} (UDP 6081)
 * or native routing, optionally inside {@code cilium_wg0}. Policy is enforced in BPF by security
 * identity.
 */
final class CiliumDatapath extends Datapath {

  CiliumDatapath(Devices devices, AgentPods agents) {
    super(devices, agents);
  }

  @Override
  public String describe() {
    String mode =
        switch (profile.mode()) {
          case GENEVE -> "Cilium eBPF, Geneve tunnel";
          case NATIVE -> "Cilium eBPF, native routing";
          default -> "Cilium eBPF, VXLAN tunnel";
        };
    return profile.wireguard() ? mode + ", WireGuard" : mode;
  }

  private boolean tunnelled() {
    return profile.mode() != CniMode.NATIVE;
  }

  @Override
  public int overhead() {
    return (tunnelled() ? 50 : 0) + (profile.wireguard() ? 60 : 0);
  }

  @Override
  public String overheadName() {
    String encap = tunnelled() ? (profile.mode() == CniMode.GENEVE ? "Geneve" : "VXLAN") : "";
    if (profile.wireguard()) {
      return encap.isEmpty() ? "WireGuard" : encap + " + WireGuard";
    }
    return encap;
  }

  @Override
  protected String podRouteDetail(Pod pod) {
    String router =
        devices
            .hostDevice(pod.nodeName(), "cilium_host")
            .filter(d -> !d.addresses().isEmpty())
            .map(d -> Devices.stripPrefix(d.addresses().get(0)))
            .orElse("the cilium_host address");
    return "the pod's default route points at "
        + router
        + " (cilium_host); the veth peer answers for it";
  }

  @Override
  public void leavePod(HopRecorder h, Pod src, String container, String dst, boolean local) {
    super.leavePod(h, src, container, dst, local);
    String veth = devices.hostVeth(src);
    h.add(
        Component.EBPF,
        Action.FORWARDED,
        src.nodeName(),
        veth,
        dst,
        "bpf_lxc (tc ingress on "
            + veth
            + ", from-container): identity lookup, conntrack, then the forwarding decision",
        "bpf_lxc",
        ciliumExec(src.nodeName(), "cilium-dbg bpf endpoint list"),
        "hubble observe --from-pod " + src.ref());
  }

  @Override
  public void betweenLocalPods(HopRecorder h, Pod src, Pod dst) {
    String veth = devices.hostVeth(dst);
    h.add(
        Component.EBPF,
        Action.FORWARDED,
        src.nodeName(),
        veth,
        dst.primaryIp(),
        "same node: the endpoint map finds "
            + dst.ref()
            + " and BPF redirects straight to "
            + veth
            + " (no bridge, no host routing)",
        "BPF redirect",
        ciliumExec(src.nodeName(), "cilium-dbg bpf endpoint list"));
  }

  @Override
  public void hostToLocalPod(HopRecorder h, String node, Pod dst) {
    String veth = devices.hostVeth(dst);
    h.add(
        Component.EBPF,
        Action.FORWARDED,
        node,
        veth,
        dst.primaryIp(),
        "the local endpoint "
            + dst.ref()
            + " is found in the BPF endpoint map; redirected to "
            + veth,
        "BPF redirect",
        ciliumExec(node, "cilium-dbg bpf endpoint list"));
  }

  @Override
  public void acrossNodes(HopRecorder h, Node from, Node to, Pod target) {
    String dst = target.primaryIp();
    String uplink = devices.uplink(from.name());
    if (tunnelled()) {
      boolean geneve = profile.mode() == CniMode.GENEVE;
      Tunnel t =
          geneve
              ? tunnel(from.name(), "cilium_geneve", TunnelKind.GENEVE, 0, 6081)
              : tunnel(from.name(), "cilium_vxlan", TunnelKind.VXLAN, 0, 8472);
      String kind = geneve ? "Geneve" : "VXLAN";
      h.add(
          Component.EBPF,
          Action.FORWARDED,
          from.name(),
          t.name(),
          dst,
          "the ipcache maps "
              + dst
              + " to the tunnel endpoint "
              + to.internalIp()
              + " ("
              + to.name()
              + ")",
          "ipcache -> " + to.name(),
          ciliumExec(from.name(), "cilium-dbg bpf tunnel list"),
          ciliumExec(from.name(), "cilium-dbg bpf ipcache get " + dst));
      h.add(
          Component.TUNNEL,
          Action.ENCAPSULATED,
          from.name(),
          t.name(),
          from.internalIp() + " -> " + to.internalIp(),
          kind
              + " encapsulation, UDP "
              + t.port()
              + "; the VNI carries the source security identity",
          kind + " encap UDP " + t.port(),
          "ip -d link show " + t.name());
      if (profile.wireguard()) {
        wireguard(h, from, to);
      }
      h.add(
          Component.UNDERLAY,
          Action.FORWARDED,
          from.name(),
          uplink,
          from.internalIp() + " -> " + to.internalIp(),
          "crosses the node network from " + from.name() + " to " + to.name(),
          "underlay UDP " + (profile.wireguard() ? 51871 : t.port()),
          "tcpdump -ni " + uplink + " udp port " + (profile.wireguard() ? 51871 : t.port()));
      h.add(
          Component.TUNNEL,
          Action.DECAPSULATED,
          to.name(),
          t.name(),
          dst,
          "bpf_overlay on "
              + t.name()
              + " of "
              + to.name()
              + " decapsulates and reads the source identity",
          kind + " decap",
          "tcpdump -ni " + t.name() + " host " + dst);
    } else {
      h.add(
          Component.EBPF,
          Action.FORWARDED,
          from.name(),
          uplink,
          dst,
          "native routing: BPF FIB lookup finds the route to "
              + to.name()
              + "'s pod CIDR via "
              + to.internalIp(),
          "FIB via " + to.internalIp(),
          "ip route get " + dst,
          ciliumExec(from.name(), "cilium-dbg bpf ipcache get " + dst));
      if (profile.wireguard()) {
        wireguard(h, from, to);
      }
      h.add(
          Component.UNDERLAY,
          Action.FORWARDED,
          from.name(),
          uplink,
          from.internalIp() + " -> " + to.internalIp(),
          "crosses the node network unencapsulated",
          "native routing",
          "tcpdump -ni " + uplink + " host " + dst);
      h.add(
          Component.EBPF,
          Action.FORWARDED,
          to.name(),
          devices.uplink(to.name()),
          dst,
          "bpf_host on "
              + devices.uplink(to.name())
              + " of "
              + to.name()
              + " receives the pod packet",
          "bpf_host",
          "hubble observe --to-ip " + dst);
    }
    hostToLocalPod(h, to.name(), target);
  }

  private void wireguard(HopRecorder h, Node from, Node to) {
    Tunnel wg = tunnel(from.name(), "cilium_wg0", TunnelKind.WIREGUARD, 0, 51871);
    h.add(
        Component.TUNNEL,
        Action.ENCAPSULATED,
        from.name(),
        wg.name(),
        from.internalIp() + " -> " + to.internalIp(),
        "WireGuard (" + wg.name() + ", UDP " + wg.port() + ") encrypts node-to-node pod traffic",
        "WireGuard encrypt",
        ciliumExec(from.name(), "cilium-dbg encrypt status"));
  }

  @Override
  public boolean masqueradesToNodes() {
    return false;
  }

  @Override
  public String masqueradeDetail() {
    return "Cilium's masquerading on the native device (destination outside the cluster)";
  }

  @Override
  public String[] masqueradeVerify(String node) {
    return new String[] {ciliumExec(node, "cilium-dbg bpf nat list")};
  }

  @Override
  public List<String> policyVerify(Pod pod) {
    return List.of(
        ciliumExec(pod.nodeName(), "cilium-dbg endpoint list"),
        ciliumExec(pod.nodeName(), "cilium-dbg policy get"),
        "hubble observe --verdict DROPPED --pod " + pod.ref());
  }
}
