package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flannel: ConfigMap {@code kube-flannel-cfg} {@code net-conf.json}, or the {@code kube-flannel-ds}
 * DaemonSet alone.
 */
final class FlannelDetection {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private FlannelDetection() {}

  static boolean detect(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("kube-flannel-cfg");
    if (config.isPresent() && CniDetection.data(config.get()).get("net-conf.json") != null) {
      facts.plugin = CniPlugin.FLANNEL;
      netConf(config.get(), facts);
      return true;
    }
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "kube-flannel-ds");
    if (ds.isPresent()) {
      facts.plugin = CniPlugin.FLANNEL;
      facts.mode = CniMode.VXLAN;
      facts.fact(
          "DaemonSet "
              + CniDetection.ref(ds.get())
              + " present, no kube-flannel-cfg: mode VXLAN assumed (Flannel's default)");
      return true;
    }
    return false;
  }

  /** Flannel's {@code net-conf.json} (also in Canal's {@code canal-config}): range and backend. */
  static void netConf(ConfigMap configMap, ProfileFacts facts) {
    String where = "ConfigMap " + CniDetection.ref(configMap);
    JsonNode conf;
    try {
      conf = JSON.readTree(CniDetection.data(configMap).get("net-conf.json"));
    } catch (RuntimeException e) {
      facts.fact(where + ": net-conf.json is not valid JSON; mode unknown");
      return;
    }
    String network = conf.path("Network").asString("");
    if (!network.isEmpty()) {
      facts.podCidrs.add(network);
      facts.fact(where + ": Network=" + network);
    }
    String type = conf.path("Backend").path("Type").asString("").toLowerCase(Locale.ROOT);
    facts.mode =
        switch (type) {
          case "vxlan" -> CniMode.VXLAN;
          case "host-gw" -> CniMode.HOST_GW;
          case "wireguard" -> CniMode.WIREGUARD;
          default -> CniMode.UNKNOWN;
        };
    facts.wireguard = facts.mode == CniMode.WIREGUARD;
    JsonNode backend = conf.path("Backend");
    if (backend.path("VNI").canConvertToInt()) {
      facts.vni = backend.path("VNI").asInt();
      facts.fact(where + ": Backend.VNI=" + facts.vni);
    }
    if (backend.path("Port").canConvertToInt()) {
      facts.udpPort = backend.path("Port").asInt();
      facts.fact(where + ": Backend.Port=" + facts.udpPort);
    }
    facts.fact(where + ": Backend.Type=" + (type.isEmpty() ? "(none)" : type));
  }
}
