package io.hopscope.source.translate;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;

/** The pod MTU each CNI sets up when its config does not say (docs/manifests.md, CNI detection). */
final class MtuDefaults {

  static final int UPLINK = 1500;

  private MtuDefaults() {}

  static int of(CniPlugin plugin, CniMode mode, boolean wireguard) {
    return switch (plugin) {
      case FLANNEL, CANAL ->
          switch (mode) {
            case VXLAN -> 1450;
            case WIREGUARD -> 1420;
            default -> 1500;
          };
      case CALICO ->
          wireguard
              ? 1440
              : switch (mode) {
                case IPIP -> 1480;
                case VXLAN -> 1450;
                default -> 1500;
              };
      case CILIUM -> mode == CniMode.NATIVE ? 1500 : 1450;
      case WEAVE -> 1376;
      case UNKNOWN -> UPLINK;
    };
  }
}
