package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calico, from what says how its pools are built, most authoritative first: {@code IPPool}
 * resources (what Calico really uses), else the operator's {@code Installation} (from which the
 * operator creates the pools), else the env of the {@code calico-node} container of the {@code
 * calico-node} DaemonSet (from which calico-node creates the default pool). {@code
 * FelixConfiguration} and the env add WireGuard, eBPF and the veth prefix.
 */
final class CalicoDetection {

  private CalicoDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "calico-node");
    List<GenericKubernetesResource> installations = input.calico("Installation");
    List<GenericKubernetesResource> pools = input.calico("IPPool");
    if (ds.isEmpty() && installations.isEmpty() && pools.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CALICO;
    Map<String, String> env = ds.map(d -> CniDetection.env(d, "calico-node")).orElse(Map.of());
    String where = ds.map(d -> "DaemonSet " + CniDetection.ref(d)).orElse("");
    if (!pools.isEmpty()) {
      CalicoResources.pools(pools, facts);
    } else if (!installations.isEmpty()) {
      CalicoResources.installation(installations.get(0), facts);
    } else {
      poolFromEnv(env, where, facts);
    }
    if ("true".equalsIgnoreCase(env.get("FELIX_WIREGUARDENABLED"))) {
      facts.wireguard = true;
      facts.fact(where + ": FELIX_WIREGUARDENABLED=true");
    }
    CalicoResources.felix(input.calico("FelixConfiguration"), facts);
    interfacePrefix(env.get("FELIX_INTERFACEPREFIX"), where, facts);
    if (facts.mtu == 0 && !env.isEmpty()) {
      String mtuKey =
          facts.wireguard
              ? "FELIX_WIREGUARDMTU"
              : facts.mode == CniMode.IPIP
                  ? "FELIX_IPINIPMTU"
                  : facts.mode == CniMode.VXLAN ? "FELIX_VXLANMTU" : null;
      if (mtuKey != null) {
        CniDetection.mtu(env.get(mtuKey), where + ": " + mtuKey, facts);
      }
    }
    return true;
  }

  /** calico-node's default pool: {@code CALICO_IPV4POOL_*}. */
  private static void poolFromEnv(Map<String, String> env, String where, ProfileFacts facts) {
    String ipip = env.getOrDefault("CALICO_IPV4POOL_IPIP", "");
    String vxlan = env.getOrDefault("CALICO_IPV4POOL_VXLAN", "");
    if (CniDetection.encapsulates(ipip)) {
      facts.mode = CniMode.IPIP;
      facts.crossSubnet = ipip.equalsIgnoreCase("CrossSubnet");
      facts.fact(where + ": CALICO_IPV4POOL_IPIP=" + ipip);
    } else if (CniDetection.encapsulates(vxlan)) {
      facts.mode = CniMode.VXLAN;
      facts.crossSubnet = vxlan.equalsIgnoreCase("CrossSubnet");
      facts.fact(where + ": CALICO_IPV4POOL_VXLAN=" + vxlan);
    } else {
      facts.mode = CniMode.BGP;
      facts.fact(
          where
              + ": CALICO_IPV4POOL_IPIP="
              + CniDetection.orNone(ipip)
              + ", CALICO_IPV4POOL_VXLAN="
              + CniDetection.orNone(vxlan)
              + ": BGP, no encapsulation");
    }
    // unset: calico-node takes kubeadm's podSubnet, else its default pool
    // (ClusterServicesDetection)
    CniDetection.cidr(env, "CALICO_IPV4POOL_CIDR", where, facts);
  }

  /**
   * Felix names host veths with the first prefix of {@code FELIX_INTERFACEPREFIX} (a
   * comma-separated list; the others only tell Felix which foreign interfaces to treat as
   * workloads).
   */
  static void interfacePrefix(String setting, String where, ProfileFacts facts) {
    if (setting == null || setting.isBlank()) {
      return;
    }
    String first = setting.split(",", -1)[0].trim();
    if (first.isEmpty()) {
      return;
    }
    facts.calicoInterfacePrefix = first;
    facts.fact(where + ": FELIX_INTERFACEPREFIX=" + setting.trim());
  }
}
