package io.hopscope.trace.internal;

import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import java.util.List;

/**
 * How one CNI (and mode) forwards pod traffic (DESIGN §4): out of a pod, between pods of a node,
 * across nodes, into a pod and out of the cluster. Each model emits the hops with the device names
 * the state uses.
 */
public abstract sealed class Datapath
    permits FlannelDatapath,
        CalicoDatapath,
        CanalDatapath,
        CiliumDatapath,
        WeaveDatapath,
        GenericDatapath {

  protected final Devices devices;
  protected final NetworkProfile profile;
  protected final AgentPods agents;

  protected Datapath(Devices devices, AgentPods agents) {
    this.devices = devices;
    this.agents = agents;
    this.profile = devices.profile();
  }

  /**
   * The model for the state's network profile; unknown plugins and modes get the generic, assumed
   * one.
   */
  public static Datapath of(Devices devices, AgentPods agents) {
    NetworkProfile profile = devices.profile();
    return switch (profile.plugin()) {
      case FLANNEL ->
          switch (profile.mode()) {
            case VXLAN, HOST_GW, WIREGUARD -> new FlannelDatapath(devices, agents);
            default ->
                new GenericDatapath(
                    devices, agents, "Flannel backend " + profile.mode() + " is not modelled");
          };
      case CALICO -> new CalicoDatapath(devices, agents);
      case CANAL ->
          switch (profile.mode()) {
            case VXLAN, HOST_GW, WIREGUARD -> new CanalDatapath(devices, agents);
            default ->
                new GenericDatapath(
                    devices,
                    agents,
                    "Canal's Flannel backend " + profile.mode() + " is not modelled");
          };
      case CILIUM -> new CiliumDatapath(devices, agents);
      case WEAVE -> new WeaveDatapath(devices, agents);
      case UNKNOWN -> new GenericDatapath(devices, agents, "the CNI plugin was not recognised");
    };
  }

  /** e.g. "Flannel VXLAN (VNI 1, UDP 8472)". */
  public abstract String describe();

  /** Whether hops are a generic guess rather than the CNI's real datapath. */
  public boolean assumed() {
    return false;
  }

  /** Why the model is assumed, or empty. */
  public String assumedBecause() {
    return "";
  }

  /** Whether the CNI itself enforces NetworkPolicy (Flannel does not). */
  public boolean enforcesPolicy() {
    return true;
  }

  /** Bytes of encapsulation added between nodes (0: native routing). */
  public abstract int overhead();

  /** Bytes of encapsulation between two given nodes (Calico's CrossSubnet skips some pairs). */
  public int overhead(Node from, Node to) {
    return overhead();
  }

  /** What adds the overhead, e.g. "VXLAN". */
  public abstract String overheadName();

  /**
   * Hops from the pod's eth0 into the host; {@code local}: the destination is a pod of the same
   * node, reached directly.
   */
  public void leavePod(HopRecorder h, Pod src, String container, String dst, boolean local) {
    h.addInPod(
        src,
        Component.POD_INTERFACE,
        Action.FORWARDED,
        devices.podInterface(src),
        src.primaryIp() + " -> " + dst,
        podRouteDetail(src),
        "eth0",
        exec(src, container, "ip route get " + dst));
    String veth = devices.hostVeth(src);
    h.add(
        Component.VETH,
        Action.FORWARDED,
        src.nodeName(),
        veth,
        "",
        "crosses the veth pair into the host network namespace: "
            + devices.podInterface(src)
            + " (pod) -> "
            + veth
            + " (host)",
        "veth",
        "ip -d link show " + veth);
  }

  /** Forwarding between two pods of one node, after {@link #leavePod} with local = true. */
  public abstract void betweenLocalPods(HopRecorder h, Pod src, Pod dst);

  /** From the node's own stack (after DNAT, or a hostNetwork pod) to a pod of that node. */
  public abstract void hostToLocalPod(HopRecorder h, String node, Pod dst);

  /** From {@code from}'s stack to {@code to}'s, ready to enter a pod of {@code to}. */
  public abstract void acrossNodes(HopRecorder h, Node from, Node to, Pod dst);

  /** Hops into the destination pod: host veth end, then its eth0. */
  public void enterPod(HopRecorder h, Pod dst, int port) {
    String veth = devices.hostVeth(dst);
    h.add(
        Component.VETH,
        Action.FORWARDED,
        dst.nodeName(),
        veth,
        "",
        "crosses the veth pair into the pod's network namespace: "
            + veth
            + " (host) -> "
            + devices.podInterface(dst)
            + " (pod)",
        "veth",
        "ip -d link show " + veth);
    h.addInPod(
        dst,
        Component.POD_INTERFACE,
        Action.FORWARDED,
        devices.podInterface(dst),
        dst.primaryIp() + ":" + port,
        "received on " + devices.podInterface(dst) + " in " + dst.ref() + "'s network namespace",
        "eth0",
        "kubectl debug -n "
            + dst.namespace()
            + " "
            + dst.name()
            + " -it --image=nicolaka/netshoot -- tcpdump -ni "
            + devices.podInterface(dst)
            + " port "
            + port);
  }

  /**
   * From the node out of the cluster: the default route over the uplink, with masquerade when
   * {@code snat}.
   */
  public void toUplink(HopRecorder h, Node from, String dst, String srcAddress, boolean snat) {
    String uplink = devices.uplink(from.name());
    h.add(
        Component.ROUTING,
        Action.FORWARDED,
        from.name(),
        uplink,
        dst,
        "no pod or tunnel route matches "
            + dst
            + ": the node's default route sends it out of "
            + uplink,
        "default route",
        "ip route get " + dst);
    if (snat) {
      h.add(
          Component.ROUTING,
          Action.SNAT,
          from.name(),
          uplink,
          srcAddress + " -> " + from.internalIp(),
          masqueradeDetail()
              + " (source "
              + srcAddress
              + " becomes the node address "
              + from.internalIp()
              + ")",
          "SNAT " + from.internalIp(),
          masqueradeVerify(from.name()));
    }
    h.add(
        Component.UNDERLAY,
        Action.FORWARDED,
        from.name(),
        uplink,
        (snat ? from.internalIp() : srcAddress) + " -> " + dst,
        "leaves the node on " + uplink + " towards " + dst,
        "underlay",
        "tcpdump -ni " + uplink + " host " + dst);
  }

  /** Whether pod traffic to another node's own address is masqueraded to this node's address. */
  public boolean masqueradesToNodes() {
    return true;
  }

  /** Who masquerades pod traffic leaving the pod network. */
  public abstract String masqueradeDetail();

  /** Commands that show the masquerade rule on {@code node}. */
  public String[] masqueradeVerify(String node) {
    return new String[] {"iptables -t nat -S POSTROUTING"};
  }

  /** The device at which policy for a pod is enforced. */
  public String policyDevice(Pod pod) {
    return devices.hostVeth(pod);
  }

  /** Commands that show the enforced rules for a pod. */
  public List<String> policyVerify(Pod pod) {
    return List.of("kubectl get networkpolicy -n " + pod.namespace());
  }

  /** What the pod's default route says (first hop detail). */
  protected abstract String podRouteDetail(Pod pod);

  /** The first address of a node's first pod CIDR, the usual bridge gateway. */
  protected String gateway(String nodeName) {
    return devices.bridgeAddress(nodeName).orElseGet(() -> firstHost(podCidr(nodeName)));
  }

  protected String podCidr(String nodeName) {
    return devices
        .node(nodeName)
        .map(n -> n.podCidrs().isEmpty() ? "" : n.podCidrs().get(0))
        .orElse("");
  }

  protected static String firstHost(String cidr) {
    if (cidr.isEmpty() || IpAddresses.isV6(cidr)) {
      return cidr.isEmpty() ? "the node's pod gateway" : Devices.stripPrefix(cidr);
    }
    return IpAddresses.longToV4(IpAddresses.v4ToLong(Devices.stripPrefix(cidr)) + 1);
  }

  /** The network address of a pod CIDR (Flannel's VTEP address on flannel.1). */
  protected static String networkAddress(String cidr) {
    return cidr.isEmpty() ? "" : Devices.stripPrefix(cidr);
  }

  protected Tunnel tunnel(
      String node, String name, NetInterface.TunnelKind kind, int vni, int port) {
    return devices
        .hostDevice(node, name)
        .filter(NetInterface.Tunnel.class::isInstance)
        .map(NetInterface.Tunnel.class::cast)
        .map(
            t ->
                new Tunnel(
                    t.name(),
                    t.vni() > 0 ? t.vni() : vni,
                    t.udpPort() > 0 ? t.udpPort() : port,
                    t.mtu()))
        .orElse(new Tunnel(name, vni, port, 0));
  }

  /** Tunnel parameters as used on a hop. */
  protected record Tunnel(String name, int vni, int port, int mtu) {}

  protected static String exec(Pod pod, String container, String command) {
    return "kubectl exec -n "
        + pod.namespace()
        + " "
        + pod.name()
        + (container.isEmpty() ? "" : " -c " + container)
        + " -- "
        + command;
  }

  /** A Cilium agent command, run in the agent pod on {@code node}. */
  protected String ciliumExec(String node, String command) {
    return agents.exec(AgentPods.Agent.CILIUM, node, command);
  }
}
