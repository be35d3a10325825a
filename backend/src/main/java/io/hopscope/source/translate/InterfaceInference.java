package io.hopscope.source.translate;

import io.hopscope.source.translate.DeviceNames.TunnelDevice;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetInterface.Bridge;
import io.hopscope.topology.NetInterface.Loopback;
import io.hopscope.topology.NetInterface.PodInterface;
import io.hopscope.topology.NetInterface.Tunnel;
import io.hopscope.topology.NetInterface.Uplink;
import io.hopscope.topology.NetInterface.VethEnd;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Provenance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Infers the devices and links the CNI profile implies (DESIGN §4), all marked {@link
 * Provenance#INFERRED}, or {@link Provenance#ASSUMED} on a node the input does not have: per node
 * its uplink, loopback, bridge and tunnel devices; per pod its {@code eth0}, {@code lo} and
 * host-side veth; veth pairs, bridge ports, tunnel peers and a route per peer node's pod CIDR.
 */
public final class InterfaceInference {

  /** Beyond this many nodes the all-pairs tunnel and route links are left out (they grow as n²). */
  static final int MAX_NODES_FOR_PAIR_LINKS = 200;

  /** The inferred devices and links. */
  public record Inferred(List<NetInterface> interfaces, List<Link> links) {}

  private final NetworkProfile profile;
  private final int vni;
  private final int udpPort;
  private final String calicoPrefix;
  private final List<NetInterface> interfaces = new ArrayList<>();
  private final List<Link> links = new ArrayList<>();
  private final Map<String, String> tunnelIds = new HashMap<>();

  /**
   * Whether the pod-carrying tunnel routes via the peer's tunnel address (VXLAN, Geneve) or its
   * node IP (IPIP, WireGuard).
   */
  private boolean tunnelGatewayIsPeerDevice;

  private InterfaceInference(NetworkProfile profile, int vni, int udpPort, String calicoPrefix) {
    this.profile = profile;
    this.vni = vni;
    this.udpPort = udpPort;
    this.calicoPrefix = calicoPrefix;
  }

  /**
   * Reuses a pod's devices from {@code memo} when the pod is the same instance as in the last
   * assembly (a pod's devices depend only on the pod and the profile).
   *
   * @param vni the VXLAN network id of overlays that take one from config (Flannel), else ignored
   * @param udpPort the VXLAN UDP port of overlays that take one from config (Flannel), else ignored
   * @param calicoPrefix Calico's host veth prefix ({@code FELIX_INTERFACEPREFIX}), else ignored
   */
  static Inferred infer(
      NetworkProfile profile,
      int vni,
      int udpPort,
      String calicoPrefix,
      List<Node> nodes,
      List<Pod> pods,
      TranslationMemo memo) {
    InterfaceInference inference = new InterfaceInference(profile, vni, udpPort, calicoPrefix);
    nodes.forEach(inference::node);
    Map<String, Node> byName = new HashMap<>();
    nodes.forEach(n -> byName.put(n.name(), n));
    for (Pod pod : pods) {
      Node node = byName.get(pod.nodeName());
      if (node != null && !pod.hostNetwork()) {
        // a guessed node's devices are not remembered: the node may be declared next time
        Inferred devices =
            node.assumed()
                ? inference.devices(pod, Provenance.ASSUMED)
                : memo.translate(pod, p -> inference.devices(p, Provenance.INFERRED));
        inference.interfaces.addAll(devices.interfaces());
        inference.links.addAll(devices.links());
      }
    }
    if (nodes.size() <= MAX_NODES_FOR_PAIR_LINKS) {
      inference.peers(nodes);
    }
    return new Inferred(List.copyOf(inference.interfaces), List.copyOf(inference.links));
  }

  private static Provenance provenance(Node node) {
    return node.assumed() ? Provenance.ASSUMED : Provenance.INFERRED;
  }

  private void node(Node node) {
    String n = node.name();
    Provenance made = provenance(node);
    List<String> uplinkAddresses = new ArrayList<>();
    if (!node.internalIp().isEmpty()) {
      uplinkAddresses.add(node.internalIp());
    }
    interfaces.add(
        new Uplink(
            NetInterface.hostId(n, "eth0"), n, "eth0", MtuDefaults.UPLINK, uplinkAddresses, made));
    interfaces.add(
        new Loopback(
            NetInterface.hostId(n, "lo"), n, "lo", 65536, List.of("127.0.0.1"), made, null));
    Optional<String> gateway = podCidr(node).map(cidr -> offset(cidr, 1));
    DeviceNames.bridge(profile.plugin())
        .ifPresent(
            bridge ->
                interfaces.add(
                    new Bridge(
                        NetInterface.hostId(n, bridge),
                        n,
                        bridge,
                        profile.mtu(),
                        gateway.map(List::of).orElse(List.of()),
                        made)));
    if (profile.plugin() == CniPlugin.CILIUM) {
      // cilium_host/cilium_net: a host veth pair; cilium_host holds the pods' gateway address.
      String host = NetInterface.hostId(n, "cilium_host");
      String net = NetInterface.hostId(n, "cilium_net");
      interfaces.add(
          new VethEnd(
              host,
              n,
              "cilium_host",
              profile.mtu(),
              gateway.map(List::of).orElse(List.of()),
              made,
              null));
      interfaces.add(new VethEnd(net, n, "cilium_net", profile.mtu(), List.of(), made, null));
      links.add(new Link.VethPair(host, net));
    }
    DeviceNames.overlay(profile.plugin(), profile.mode(), vni, udpPort)
        .ifPresent(
            t -> {
              tunnelGatewayIsPeerDevice =
                  t.kind() == NetInterface.TunnelKind.VXLAN
                      || t.kind() == NetInterface.TunnelKind.GENEVE;
              tunnel(node, t, true);
            });
    if (profile.wireguard()) {
      DeviceNames.wireguard(profile.plugin()).ifPresent(t -> tunnel(node, t, false));
    }
  }

  private void tunnel(Node node, TunnelDevice device, boolean carriesPodTraffic) {
    String id = NetInterface.hostId(node.name(), device.name());
    List<String> addresses =
        podCidr(node).map(cidr -> offset(cidr, 0)).map(List::of).orElse(List.of());
    Provenance made = provenance(node);
    interfaces.add(
        new Tunnel(
            id,
            node.name(),
            device.name(),
            profile.mtu(),
            addresses,
            made,
            device.kind(),
            device.vni(),
            device.udpPort(),
            node.internalIp()));
    if (carriesPodTraffic || !tunnelIds.containsKey(node.name())) {
      tunnelIds.put(node.name(), id);
    }
  }

  /**
   * A scheduled pod's {@code eth0}, {@code lo} and host-side veth, the veth pair and its bridge
   * port.
   */
  private Inferred devices(Pod pod, Provenance made) {
    String node = pod.nodeName();
    String eth0 = NetInterface.podId(pod.ref(), "eth0");
    String vethName = DeviceNames.hostVeth(profile.plugin(), calicoPrefix, pod.ref());
    String veth = NetInterface.hostId(node, vethName);
    List<NetInterface> devices =
        List.of(
            new PodInterface(eth0, node, "eth0", profile.mtu(), pod.podIps(), made, pod.ref()),
            new Loopback(
                NetInterface.podId(pod.ref(), "lo"),
                node,
                "lo",
                65536,
                List.of("127.0.0.1"),
                made,
                pod.ref()),
            new VethEnd(veth, node, vethName, profile.mtu(), List.of(), made, pod.ref()));
    Link pair = new Link.VethPair(eth0, veth);
    List<Link> podLinks =
        DeviceNames.bridge(profile.plugin())
            .map(
                bridge ->
                    List.of(pair, new Link.BridgePort(veth, NetInterface.hostId(node, bridge))))
            .orElse(List.of(pair));
    return new Inferred(devices, podLinks);
  }

  /** Tunnel peers between every two nodes' tunnels, and a route to every other node's pod CIDR. */
  private void peers(List<Node> nodes) {
    for (Node from : nodes) {
      for (Node to : nodes) {
        if (from == to) {
          continue;
        }
        // CrossSubnet: nodes of one subnet route to each other natively, not through the tunnel.
        boolean routed = profile.crossSubnet() && from.sharesSubnetWith(to);
        String fromTunnel = routed ? null : tunnelIds.get(from.name());
        String toTunnel = routed ? null : tunnelIds.get(to.name());
        if (fromTunnel != null && toTunnel != null) {
          links.add(new Link.TunnelPeer(fromTunnel, toTunnel, to.internalIp()));
        }
        String fromDevice =
            fromTunnel != null && toTunnel != null
                ? fromTunnel
                : NetInterface.hostId(from.name(), "eth0");
        String toDevice =
            fromTunnel != null && toTunnel != null
                ? toTunnel
                : NetInterface.hostId(to.name(), "eth0");
        for (String cidr : to.podCidrs()) {
          boolean viaPeerDevice =
              fromTunnel != null
                  && toTunnel != null
                  && tunnelGatewayIsPeerDevice
                  && AddressPool.isV4Cidr(cidr);
          String gateway = viaPeerDevice ? offset(cidr, 0) : to.internalIp();
          links.add(new Link.Route(fromDevice, toDevice, cidr, gateway));
        }
      }
    }
  }

  private static Optional<String> podCidr(Node node) {
    return node.podCidrs().stream().filter(AddressPool::isV4Cidr).findFirst();
  }

  /** The address {@code n} places into an IPv4 range. */
  private static String offset(String cidr, int n) {
    int slash = cidr.indexOf('/');
    long size = 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
    long network = IpAddresses.v4ToLong(cidr.substring(0, slash)) & ~(size - 1);
    return IpAddresses.longToV4(network + n);
  }
}
