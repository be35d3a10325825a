package io.hopscope.source.translate;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.HostVethNames;
import io.hopscope.topology.NetInterface.TunnelKind;
import io.hopscope.topology.PodRef;
import java.util.Optional;

/**
 * How each CNI names its host devices (docs/manifests.md, CNI detection). Host-side veth names come
 * from {@link HostVethNames} (Calico: prefix + SHA-1 of {@code namespace.pod}), so they are stable
 * across imports.
 */
final class DeviceNames {

  private DeviceNames() {}

  /** A tunnel device: name, kind, VNI and UDP port. */
  record TunnelDevice(String name, TunnelKind kind, int vni, int udpPort) {}

  /** The host-side veth of a pod; {@code calicoPrefix} is Felix's interface prefix. */
  static String hostVeth(CniPlugin plugin, String calicoPrefix, PodRef pod) {
    return HostVethNames.of(plugin, calicoPrefix, pod);
  }

  static String hostVeth(CniPlugin plugin, PodRef pod) {
    return HostVethNames.of(plugin, pod);
  }

  /** The bridge pods are plugged into, for the CNIs that bridge. */
  static Optional<String> bridge(CniPlugin plugin) {
    return switch (plugin) {
      case FLANNEL -> Optional.of("cni0");
      case WEAVE -> Optional.of("weave");
      default -> Optional.empty();
    };
  }

  /** The overlay device that carries pod traffic between nodes, if the mode has one. */
  static Optional<TunnelDevice> overlay(CniPlugin plugin, CniMode mode, int vni, int port) {
    return switch (plugin) {
      case FLANNEL, CANAL ->
          switch (mode) {
            case VXLAN ->
                Optional.of(new TunnelDevice("flannel." + vni, TunnelKind.VXLAN, vni, port));
            case WIREGUARD ->
                Optional.of(new TunnelDevice("flannel-wg", TunnelKind.WIREGUARD, 0, 51820));
            default -> Optional.empty();
          };
      case CALICO ->
          switch (mode) {
            case IPIP -> Optional.of(new TunnelDevice("tunl0", TunnelKind.IPIP, 0, 0));
            case VXLAN ->
                Optional.of(new TunnelDevice("vxlan.calico", TunnelKind.VXLAN, 4096, 4789));
            default -> Optional.empty();
          };
      case CILIUM ->
          switch (mode) {
            case VXLAN -> Optional.of(new TunnelDevice("cilium_vxlan", TunnelKind.VXLAN, 0, 8472));
            case GENEVE ->
                Optional.of(new TunnelDevice("cilium_geneve", TunnelKind.GENEVE, 0, 6081));
            default -> Optional.empty();
          };
      case WEAVE ->
          mode == CniMode.FASTDP
              ? Optional.of(new TunnelDevice("vxlan-6784", TunnelKind.VXLAN, 0, 6784))
              : Optional.empty();
      case UNKNOWN -> Optional.empty();
    };
  }

  /** The WireGuard device of plugins that encrypt on top of their mode (Flannel's is its mode). */
  static Optional<TunnelDevice> wireguard(CniPlugin plugin) {
    return switch (plugin) {
      case CALICO ->
          Optional.of(new TunnelDevice("wireguard.cali", TunnelKind.WIREGUARD, 0, 51820));
      case CILIUM -> Optional.of(new TunnelDevice("cilium_wg0", TunnelKind.WIREGUARD, 0, 51871));
      default -> Optional.empty();
    };
  }

  /** The hex digits the non-Calico plugins' veth names end in. */
  static String hex(PodRef pod, int length) {
    return HostVethNames.sha1Hex(pod.toString(), length);
  }
}
