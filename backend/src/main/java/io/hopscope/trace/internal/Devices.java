package io.hopscope.trace.internal;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.HostVethNames;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Provenance;
import java.util.HashMap;
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
  private final Map<String, NetInterface> podDevices = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();

  /** Calico's veth prefix as the state's own Calico veths show it (Felix's default otherwise). */
  private String calicoPrefix = HostVethNames.CALICO_DEFAULT_PREFIX;

  public Devices(ClusterState state) {
    this.profile = state.network();
    state.nodes().forEach(node -> nodes.put(node.name(), node));
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.VethEnd veth && veth.pod() != null) {
        if (vethByPod.isEmpty()
            && (profile.plugin() == CniPlugin.CALICO || profile.plugin() == CniPlugin.CANAL)) {
          learnCalicoPrefix(veth);
        }
        vethByPod.putIfAbsent(veth.pod(), veth);
      } else if (device instanceof NetInterface.PodInterface eth0 && eth0.pod() != null) {
        eth0ByPod.putIfAbsent(eth0.pod(), eth0);
      } else if (device instanceof NetInterface.Bridge bridge) {
        bridgeByNode.putIfAbsent(bridge.node(), bridge);
      } else if (device instanceof NetInterface.Uplink uplink) {
        uplinkByNode.putIfAbsent(uplink.node(), uplink);
      }
      PodRef inPod = podSide(device);
      if (inPod != null) {
        podDevices.putIfAbsent(inPod + "/" + device.name(), device);
      } else {
        hostDevices.putIfAbsent(device.node() + "/" + device.name(), device);
      }
    }
  }

  public NetworkProfile profile() {
    return profile;
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  /**
   * The pod whose network namespace holds the device (its eth0 and lo), or null for host devices.
   */
  private static PodRef podSide(NetInterface device) {
    if (device instanceof NetInterface.PodInterface eth0) {
      return eth0.pod();
    }
    if (device instanceof NetInterface.Loopback lo) {
      return lo.pod();
    }
    return null;
  }

  /** A Calico veth named {@code <prefix><11 hex of ns.pod>} tells the prefix of all the others. */
  private void learnCalicoPrefix(NetInterface.VethEnd veth) {
    String hex =
        HostVethNames.sha1Hex(
            veth.pod().namespace() + "." + veth.pod().name(), HostVethNames.CALICO_HEX_DIGITS);
    if (veth.name().length() > hex.length() && veth.name().endsWith(hex)) {
      calicoPrefix = veth.name().substring(0, veth.name().length() - hex.length());
    }
  }

  /**
   * The host-side name of a pod's veth: from the state, else the CNI's naming ({@link
   * HostVethNames}).
   */
  public String hostVeth(Pod pod) {
    NetInterface.VethEnd veth = vethByPod.get(pod.ref());
    if (veth != null) {
      return veth.name();
    }
    return HostVethNames.of(profile.plugin(), calicoPrefix, pod.ref());
  }

  /**
   * Whether a hop's device is one the state observed or one inferred (by the source, or named here
   * by convention because the state does not have it); null when the hop names no device.
   */
  public Provenance provenance(String node, String device) {
    if (device == null || device.isEmpty()) {
      return null;
    }
    NetInterface known = hostDevices.get(node + "/" + device);
    return known != null ? known.provenance() : unknownDevice(node);
  }

  /**
   * {@link Provenance#ASSUMED} when the node is one the input does not have (synthesized from its
   * pods, or the stand-in node), so every hop there rests on a guess; null otherwise.
   */
  public Provenance nodeProvenance(String node) {
    Node known = node == null ? null : nodes.get(node);
    return known != null && known.assumed() ? Provenance.ASSUMED : null;
  }

  /** A device the state lacks is named by convention; on an assumed node it is assumed too. */
  private Provenance unknownDevice(String node) {
    return nodeProvenance(node) == null ? Provenance.INFERRED : Provenance.ASSUMED;
  }

  /** Like {@link #provenance(String, String)} for a device inside a pod's network namespace. */
  public Provenance provenance(Pod pod, String device) {
    if (device == null || device.isEmpty()) {
      return null;
    }
    if (pod.hostNetwork()) {
      return provenance(pod.nodeName(), device);
    }
    NetInterface known = podDevices.get(pod.ref() + "/" + device);
    return known != null ? known.provenance() : unknownDevice(pod.nodeName());
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
      case FLANNEL, CANAL ->
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

  static String stripPrefix(String address) {
    int slash = address.indexOf('/');
    return slash < 0 ? address : address.substring(0, slash);
  }
}
