package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.Map;
import java.util.Optional;

/**
 * Cilium: ConfigMap {@code cilium-config} (routing mode, tunnel protocol, kube-proxy replacement).
 */
final class CiliumDetection {

  private CiliumDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("cilium-config");
    if (config.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CILIUM;
    String where = "ConfigMap " + CniDetection.ref(config.get());
    Map<String, String> data = CniDetection.data(config.get());
    String routing = data.getOrDefault("routing-mode", "");
    String legacyTunnel = data.getOrDefault("tunnel", "");
    String protocol = data.getOrDefault("tunnel-protocol", "");
    if (routing.equals("native") || (routing.isEmpty() && legacyTunnel.equals("disabled"))) {
      facts.mode = CniMode.NATIVE;
      facts.fact(where + ": " + (routing.isEmpty() ? "tunnel=disabled" : "routing-mode=native"));
    } else {
      String encapsulation =
          !protocol.isEmpty() ? protocol : !legacyTunnel.isEmpty() ? legacyTunnel : "vxlan";
      facts.mode = encapsulation.equals("geneve") ? CniMode.GENEVE : CniMode.VXLAN;
      facts.fact(
          where
              + ": routing-mode="
              + (routing.isEmpty() ? "tunnel (default)" : routing)
              + ", tunnel "
              + encapsulation
              + (protocol.isEmpty() && legacyTunnel.isEmpty() ? " (default)" : ""));
    }
    String kpr = data.getOrDefault("kube-proxy-replacement", "");
    if (kpr.equals("true") || kpr.equals("strict")) {
      facts.ebpfServices = true;
      facts.fact(where + ": kube-proxy-replacement=" + kpr);
    }
    if ("true".equals(data.get("enable-wireguard"))) {
      facts.wireguard = true;
      facts.fact(where + ": enable-wireguard=true");
    }
    CniDetection.cidr(data, "cluster-pool-ipv4-cidr", where, facts);
    CniDetection.mtu(data.get("mtu"), where + ": mtu", facts);
    return true;
  }
}
