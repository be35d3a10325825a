package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cilium: ConfigMap {@code cilium-config} (routing mode, tunnel protocol, kube-proxy replacement).
 */
final class CiliumDetection {

  /** Cilium's cluster-pool IPAM range when {@code cluster-pool-ipv4-cidr} is not set. */
  static final String DEFAULT_CLUSTER_POOL = "10.0.0.0/8";

  private static final List<String> PARTIAL_SERVICE_FEATURES =
      List.of("enable-node-port", "bpf-lb-sock", "enable-host-reachable-services");

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
    kubeProxyReplacement(data, where, facts);
    if ("true".equals(data.get("enable-wireguard"))) {
      facts.wireguard = true;
      facts.fact(where + ": enable-wireguard=true");
    }
    CniDetection.cidr(data, "cluster-pool-ipv4-cidr", where, facts);
    String ipam = data.getOrDefault("ipam", "");
    if (facts.podCidrs.isEmpty() && (ipam.isEmpty() || ipam.equals("cluster-pool"))) {
      facts.podCidrs.add(DEFAULT_CLUSTER_POOL);
      facts.fact(
          where
              + ": ipam "
              + (ipam.isEmpty() ? "cluster-pool (default)" : ipam)
              + " without cluster-pool-ipv4-cidr: "
              + DEFAULT_CLUSTER_POOL
              + " (Cilium's default)");
    }
    CniDetection.mtu(data.get("mtu"), where + ": mtu", facts);
    return true;
  }

  /**
   * Whether Cilium's eBPF translates Service addresses (then kube-proxy's rules, if any, are never
   * reached for them) and whether it does so at connect() (socket LB) or per packet.
   */
  private static void kubeProxyReplacement(
      Map<String, String> data, String where, ProfileFacts facts) {
    String kpr = data.getOrDefault("kube-proxy-replacement", "").trim().toLowerCase(Locale.ROOT);
    String said = where + ": kube-proxy-replacement=" + (kpr.isEmpty() ? "unset" : kpr);
    boolean full = kpr.equals("true") || kpr.equals("strict") || kpr.equals("probe");
    boolean socketLb;
    if (full) {
      // Cilium turns socket LB on itself with full replacement (probe: where the kernel can,
      // assumed here, as any kernel a current Cilium supports can)
      facts.ebpfServices = true;
      socketLb = true;
      facts.fact(
          said
              + ": Services translated by eBPF, socket LB on"
              + (kpr.equals("probe") ? " (assumed: the kernel supports it)" : ""));
    } else {
      // partial, false, disabled or unset: only the Service features switched on one by one
      List<String> on =
          PARTIAL_SERVICE_FEATURES.stream().filter(k -> "true".equals(data.get(k))).toList();
      facts.ebpfServices = !on.isEmpty();
      socketLb = on.contains("bpf-lb-sock") || on.contains("enable-host-reachable-services");
      facts.fact(
          said
              + (on.isEmpty()
                  ? ": kube-proxy balances Services"
                  : " with " + String.join(", ", on) + ": Services translated by eBPF"));
    }
    if (socketLb && "true".equals(data.get("bpf-lb-sock-hostns-only"))) {
      socketLb = false;
      facts.fact(where + ": bpf-lb-sock-hostns-only=true: socket LB for host processes only");
    }
    if (facts.ebpfServices) {
      facts.perPacketServiceLb = !socketLb;
      facts.fact(
          where
              + (socketLb
                  ? ": pods' Service addresses translated at connect() (socket LB)"
                  : ": pods' Service addresses translated per packet on their veth (no socket LB)"));
    }
  }
}
