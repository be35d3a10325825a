package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.Map;
import java.util.Optional;

/** Calico: the env of the {@code calico-node} container of the {@code calico-node} DaemonSet. */
final class CalicoDetection {

  private CalicoDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "calico-node");
    if (ds.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CALICO;
    String where = "DaemonSet " + CniDetection.ref(ds.get());
    Map<String, String> env = CniDetection.env(ds.get(), "calico-node");
    String ipip = env.getOrDefault("CALICO_IPV4POOL_IPIP", "");
    String vxlan = env.getOrDefault("CALICO_IPV4POOL_VXLAN", "");
    if (CniDetection.encapsulates(ipip)) {
      facts.mode = CniMode.IPIP;
      facts.fact(where + ": CALICO_IPV4POOL_IPIP=" + ipip);
    } else if (CniDetection.encapsulates(vxlan)) {
      facts.mode = CniMode.VXLAN;
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
    if ("true".equalsIgnoreCase(env.get("FELIX_WIREGUARDENABLED"))) {
      facts.wireguard = true;
      facts.fact(where + ": FELIX_WIREGUARDENABLED=true");
    }
    CniDetection.cidr(env, "CALICO_IPV4POOL_CIDR", where, facts);
    interfacePrefix(env.get("FELIX_INTERFACEPREFIX"), where, facts);
    String mtuKey =
        facts.wireguard
            ? "FELIX_WIREGUARDMTU"
            : facts.mode == CniMode.IPIP
                ? "FELIX_IPINIPMTU"
                : facts.mode == CniMode.VXLAN ? "FELIX_VXLANMTU" : null;
    if (mtuKey != null) {
      CniDetection.mtu(env.get(mtuKey), where + ": " + mtuKey, facts);
    }
    return true;
  }

  /**
   * Felix names host veths with the first prefix of {@code FELIX_INTERFACEPREFIX} (a
   * comma-separated list; the others only tell Felix which foreign interfaces to treat as
   * workloads).
   */
  private static void interfacePrefix(String setting, String where, ProfileFacts facts) {
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
