package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Detects the CNI plugin and its mode from the objects in the input, as CNI-DETECTION.md says:
 * Flannel's {@code kube-flannel-cfg}, Calico's {@code calico-node} env, Cilium's
 * {@code cilium-config}, Weave's {@code weave-net} env. The first plugin found wins, in that order.
 */
final class CniDetection {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private CniDetection() {}

  static void detect(InputObjects input, ProfileFacts facts) {
    if (flannel(input, facts) || calico(input, facts) || cilium(input, facts) || weave(input, facts)) {
      return;
    }
    facts.fact("no CNI configuration found (kube-flannel-cfg, calico-node, cilium-config, weave-net): plugin unknown");
  }

  private static boolean flannel(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("kube-flannel-cfg");
    if (config.isPresent() && data(config.get()).get("net-conf.json") != null) {
      facts.plugin = CniPlugin.FLANNEL;
      String where = "ConfigMap " + ref(config.get());
      JsonNode conf;
      try {
        conf = JSON.readTree(data(config.get()).get("net-conf.json"));
      } catch (RuntimeException e) {
        facts.fact(where + ": net-conf.json is not valid JSON; mode unknown");
        return true;
      }
      String network = conf.path("Network").asString("");
      if (!network.isEmpty()) {
        facts.podCidrs.add(network);
        facts.fact(where + ": Network=" + network);
      }
      String type = conf.path("Backend").path("Type").asString("").toLowerCase(Locale.ROOT);
      facts.mode = switch (type) {
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
      return true;
    }
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "kube-flannel-ds");
    if (ds.isPresent()) {
      facts.plugin = CniPlugin.FLANNEL;
      facts.mode = CniMode.VXLAN;
      facts.fact("DaemonSet " + ref(ds.get()) + " present, no kube-flannel-cfg: mode VXLAN assumed (Flannel's default)");
      return true;
    }
    return false;
  }

  private static boolean calico(InputObjects input, ProfileFacts facts) {
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "calico-node");
    if (ds.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CALICO;
    String where = "DaemonSet " + ref(ds.get());
    Map<String, String> env = env(ds.get(), "calico-node");
    String ipip = env.getOrDefault("CALICO_IPV4POOL_IPIP", "");
    String vxlan = env.getOrDefault("CALICO_IPV4POOL_VXLAN", "");
    if (encapsulates(ipip)) {
      facts.mode = CniMode.IPIP;
      facts.fact(where + ": CALICO_IPV4POOL_IPIP=" + ipip);
    } else if (encapsulates(vxlan)) {
      facts.mode = CniMode.VXLAN;
      facts.fact(where + ": CALICO_IPV4POOL_VXLAN=" + vxlan);
    } else {
      facts.mode = CniMode.BGP;
      facts.fact(where + ": CALICO_IPV4POOL_IPIP=" + orNone(ipip) + ", CALICO_IPV4POOL_VXLAN=" + orNone(vxlan) + ": BGP, no encapsulation");
    }
    if ("true".equalsIgnoreCase(env.get("FELIX_WIREGUARDENABLED"))) {
      facts.wireguard = true;
      facts.fact(where + ": FELIX_WIREGUARDENABLED=true");
    }
    cidr(env, "CALICO_IPV4POOL_CIDR", where, facts);
    String mtuKey = facts.wireguard ? "FELIX_WIREGUARDMTU" : facts.mode == CniMode.IPIP ? "FELIX_IPINIPMTU"
        : facts.mode == CniMode.VXLAN ? "FELIX_VXLANMTU" : null;
    if (mtuKey != null) {
      mtu(env.get(mtuKey), where + ": " + mtuKey, facts);
    }
    return true;
  }

  private static boolean cilium(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("cilium-config");
    if (config.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.CILIUM;
    String where = "ConfigMap " + ref(config.get());
    Map<String, String> data = data(config.get());
    String routing = data.getOrDefault("routing-mode", "");
    String legacyTunnel = data.getOrDefault("tunnel", "");
    String protocol = data.getOrDefault("tunnel-protocol", "");
    if (routing.equals("native") || (routing.isEmpty() && legacyTunnel.equals("disabled"))) {
      facts.mode = CniMode.NATIVE;
      facts.fact(where + ": " + (routing.isEmpty() ? "tunnel=disabled" : "routing-mode=native"));
    } else {
      String encapsulation = !protocol.isEmpty() ? protocol : !legacyTunnel.isEmpty() ? legacyTunnel : "vxlan";
      facts.mode = encapsulation.equals("geneve") ? CniMode.GENEVE : CniMode.VXLAN;
      facts.fact(where + ": routing-mode=" + (routing.isEmpty() ? "tunnel (default)" : routing) + ", tunnel "
          + encapsulation + (protocol.isEmpty() && legacyTunnel.isEmpty() ? " (default)" : ""));
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
    cidr(data, "cluster-pool-ipv4-cidr", where, facts);
    mtu(data.get("mtu"), where + ": mtu", facts);
    return true;
  }

  private static boolean weave(InputObjects input, ProfileFacts facts) {
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "weave-net");
    if (ds.isEmpty()) {
      return false;
    }
    facts.plugin = CniPlugin.WEAVE;
    String where = "DaemonSet " + ref(ds.get());
    Map<String, String> env = env(ds.get(), "weave");
    if (env.containsKey("WEAVE_NO_FASTDP")) {
      facts.mode = CniMode.SLEEVE;
      facts.fact(where + ": WEAVE_NO_FASTDP set: sleeve mode");
    } else {
      facts.mode = CniMode.FASTDP;
      facts.fact(where + ": WEAVE_NO_FASTDP not set: fast datapath");
    }
    if (!cidr(env, "IPALLOC_RANGE", where, facts)) {
      facts.podCidrs.add("10.32.0.0/12");
      facts.fact(where + ": no IPALLOC_RANGE: 10.32.0.0/12 (Weave's default)");
    }
    mtu(env.get("WEAVE_MTU"), where + ": WEAVE_MTU", facts);
    if (env.containsKey("WEAVE_PASSWORD")) {
      facts.fact(where + ": WEAVE_PASSWORD set: traffic between nodes is encrypted");
    }
    return true;
  }

  private static boolean encapsulates(String value) {
    return value.equalsIgnoreCase("Always") || value.equalsIgnoreCase("CrossSubnet");
  }

  private static String orNone(String value) {
    return value.isEmpty() ? "(unset)" : value;
  }

  private static boolean cidr(Map<String, String> values, String key, String where, ProfileFacts facts) {
    String cidr = values.get(key);
    if (cidr == null || cidr.isBlank()) {
      return false;
    }
    for (String part : cidr.split("[,\\s]+")) {
      if (!part.isBlank()) {
        facts.podCidrs.add(part.trim());
      }
    }
    facts.fact(where + ": " + key + "=" + cidr.trim());
    return true;
  }

  private static void mtu(String value, String what, ProfileFacts facts) {
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      int mtu = Integer.parseInt(value.trim());
      if (mtu >= 576 && mtu <= 65535) {
        facts.mtu = mtu;
        facts.fact(what + "=" + mtu);
      }
    } catch (NumberFormatException e) {
      facts.fact(what + "=" + value + " is not a number; default MTU used");
    }
  }

  static Map<String, String> data(ConfigMap configMap) {
    return PodTranslation.orEmpty(configMap.getData());
  }

  static String ref(HasMetadata object) {
    return InputObjects.namespaceOf(object) + "/" + InputObjects.nameOf(object);
  }

  /** The literal env values of one container of a DaemonSet (values from refs are not known). */
  private static Map<String, String> env(DaemonSet ds, String containerName) {
    Map<String, String> env = new LinkedHashMap<>();
    Workloads.template(ds).map(t -> t.getSpec()).map(s -> s.getContainers()).ifPresent(containers -> containers.stream()
        .filter(c -> containerName.equals(c.getName()))
        .findFirst()
        .ifPresent(c -> {
          if (c.getEnv() != null) {
            for (EnvVar e : c.getEnv()) {
              env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
            }
          }
        }));
    return env;
  }
}
