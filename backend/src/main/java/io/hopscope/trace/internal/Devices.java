package io.hopscope.trace.internal;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Device names and MTUs on the path: the state's interfaces where it has them (observed or inferred
 * by the source), else the CNI's naming convention (docs/manifests.md, CNI detection), so the
 * tracer names the same devices the topology shows.
 */
public final class Devices {

  /** Default MTU of a node uplink. */
  public static final int UPLINK_MTU = 1500;

  private final NetworkProfile profile;
  private final Map<PodRef, NetInterface.VethEnd> vethByPod = new HashMap<>();
  private final Map<PodRef, NetInterface.PodInterface> eth0ByPod = new HashMap<>();
  private final Map<String, NetInterface.Bridge> bridgeByNode = new HashMap<>();
  private final Map<String, NetInterface.Uplink> uplinkByNode = new HashMap<>();
  private final Map<String, NetInterface> hostDevices = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();

  public Devices(ClusterState state) {
    this.profile = state.network();
    state.nodes().forEach(node -> nodes.put(node.name(), node));
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.VethEnd veth && veth.pod() != null) {
        vethByPod.putIfAbsent(veth.pod(), veth);
      } else if (device instanceof NetInterface.PodInterface eth0 && eth0.pod() != null) {
        eth0ByPod.putIfAbsent(eth0.pod(), eth0);
      } else if (device instanceof NetInterface.Bridge bridge) {
        bridgeByNode.putIfAbsent(bridge.node(), bridge);
      } else if (device instanceof NetInterface.Uplink uplink) {
        uplinkByNode.putIfAbsent(uplink.node(), uplink);
      }
      hostDevices.putIfAbsent(device.node() + "/" + device.name(), device);
    }
  }

  public NetworkProfile profile() {
    return profile;
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  /**
   * The host-side name of a pod's veth: from the state, else prefix + SHA-1 hex of {@code ns/pod}.
   */
  public String hostVeth(Pod pod) {
    NetInterface.VethEnd veth = vethByPod.get(pod.ref());
    if (veth != null) {
      return veth.name();
    }
    return switch (profile.plugin()) {
      case CALICO -> "cali" + hex(pod.ref(), 11);
      case CILIUM -> "lxc" + hex(pod.ref(), 12);
      case WEAVE -> "vethwepl" + hex(pod.ref(), 7);
      case FLANNEL, UNKNOWN -> "veth" + hex(pod.ref(), 8);
    };
  }

  /** The pod's own interface, {@code eth0} unless the state says otherwise. */
  public String podInterface(Pod pod) {
    NetInterface.PodInterface eth0 = eth0ByPod.get(pod.ref());
    return eth0 == null ? "eth0" : eth0.name();
  }

  public int podMtu(Pod pod) {
    NetInterface.PodInterface eth0 = eth0ByPod.get(pod.ref());
    return eth0 == null || eth0.mtu() <= 0 ? profile.mtu() : eth0.mtu();
  }

  public String bridge(String node, String fallback) {
    NetInterface.Bridge bridge = bridgeByNode.get(node);
    return bridge == null ? fallback : bridge.name();
  }

  /** The bridge's first address on the node (the pods' default gateway), if known. */
  public Optional<String> bridgeAddress(String node) {
    NetInterface.Bridge bridge = bridgeByNode.get(node);
    return bridge == null || bridge.addresses().isEmpty()
        ? Optional.empty()
        : Optional.of(stripPrefix(bridge.addresses().get(0)));
  }

  public String uplink(String node) {
    NetInterface.Uplink uplink = uplinkByNode.get(node);
    return uplink == null ? "eth0" : uplink.name();
  }

  public int uplinkMtu(String node) {
    NetInterface.Uplink uplink = uplinkByNode.get(node);
    return uplink == null || uplink.mtu() <= 0 ? UPLINK_MTU : uplink.mtu();
  }

  /** A host device by node and name, if the state has it. */
  public Optional<NetInterface> hostDevice(String node, String name) {
    return Optional.ofNullable(hostDevices.get(node + "/" + name));
  }

  /** The MTU of a host device, or the fallback. */
  public int mtu(String node, String name, int fallback) {
    NetInterface device = hostDevices.get(node + "/" + name);
    return device == null || device.mtu() <= 0 ? fallback : device.mtu();
  }

  /** The tunnel devices a mode uses, by convention. */
  public static List<String> tunnelNames(CniPlugin plugin, CniMode mode, boolean wireguard) {
    return switch (plugin) {
      case FLANNEL ->
          mode == CniMode.WIREGUARD
              ? List.of("flannel-wg")
              : mode == CniMode.VXLAN ? List.of("flannel.1") : List.of();
      case CALICO ->
          wireguard
              ? List.of("wireguard.cali")
              : mode == CniMode.IPIP
                  ? List.of("tunl0")
                  : mode == CniMode.VXLAN ? List.of("vxlan.calico") : List.of();
      case CILIUM -> {
        String encap =
            mode == CniMode.GENEVE ? "cilium_geneve" : mode == CniMode.NATIVE ? "" : "cilium_vxlan";
        yield wireguard
            ? (encap.isEmpty() ? List.of("cilium_wg0") : List.of(encap, "cilium_wg0"))
            : (encap.isEmpty() ? List.of() : List.of(encap));
      }
      case WEAVE -> mode == CniMode.SLEEVE ? List.of() : List.of("vxlan-6784");
      case UNKNOWN -> List.of();
    };
  }

  static String hex(PodRef pod, int length) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1")
              .digest(pod.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }

  static String stripPrefix(String address) {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }
}
