package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.Map;
import java.util.Optional;

/**
 * Canal: Flannel carries pod traffic between nodes (its backend, from the {@code net-conf.json} of
 * ConfigMap {@code canal-config}, is the mode) and Calico's Felix enforces NetworkPolicy on {@code
 * cali*} veths (the {@code calico-node} container of DaemonSet {@code canal}).
 */
final class CanalDetection {

  private CanalDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("canal-config");
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "canal");
    if (ds.isEmpty() && config.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CANAL;
    String what =
        (ds.map(d -> "DaemonSet " + CniDetection.ref(d)).orElse("")
            + (ds.isPresent() && config.isPresent() ? ", " : "")
            + config.map(c -> "ConfigMap " + CniDetection.ref(c)).orElse(""));
    facts.fact(what + ": Canal: Flannel datapath, Calico policy (Felix, cali* veths)");
    if (config.isPresent() && CniDetection.data(config.get()).get("net-conf.json") != null) {
      FlannelDetection.netConf(config.get(), facts);
    } else {
      facts.mode = CniMode.VXLAN;
      facts.fact(what + ": no net-conf.json: Flannel backend VXLAN assumed (Flannel's default)");
    }
    if (ds.isPresent()) {
      Map<String, String> env = CniDetection.env(ds.get(), "calico-node");
      String where = "DaemonSet " + CniDetection.ref(ds.get());
      CalicoDetection.interfacePrefix(env.get("FELIX_INTERFACEPREFIX"), where, facts);
      if ("true".equalsIgnoreCase(env.get("FELIX_WIREGUARDENABLED"))) {
        facts.fact(
            where + ": FELIX_WIREGUARDENABLED=true is ignored: Flannel carries Canal's traffic");
      }
    }
    if (config.isPresent()) {
      CniDetection.mtu(
          CniDetection.data(config.get()).get("veth_mtu"),
          "ConfigMap " + CniDetection.ref(config.get()) + ": veth_mtu",
          facts);
    }
    return true;
  }
}
