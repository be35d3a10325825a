package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.KubeProxyMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** kube-proxy mode, cluster DNS and the Service range (docs/manifests.md, CNI detection). */
final class ClusterServicesDetection {

  static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
  private static final Pattern COREDNS_DOMAIN = Pattern.compile("(?m)^\\s*kubernetes\\s+(\\S+)");
  private static final Pattern KUBE_PROXY_MODE =
      Pattern.compile("(?m)^mode:\\s*[\"']?([A-Za-z]*)[\"']?\\s*$");
  private static final Pattern SERVICE_RANGE = Pattern.compile("--service-cluster-ip-range=(\\S+)");

  private ClusterServicesDetection() {}

  /** Calico's pool when {@code CALICO_IPV4POOL_CIDR} is unset and kubeadm states no podSubnet. */
  private static final Pattern CLUSTER_CIDR = Pattern.compile("--cluster-cidr=(\\S+)");

  static void detect(InputObjects input, ProfileFacts facts) {
    kubeProxy(input, facts);
    dns(input, facts);
    Map<String, Object> kubeadm = kubeadmNetworking(input);
    serviceCidr(input, kubeadm, facts);
    podCidr(input, kubeadm, facts);
  }

  /**
   * The {@code networking} section of kubeadm's {@code ClusterConfiguration} (ConfigMap {@code
   * kubeadm-config}), or empty.
   */
  private static Map<String, Object> kubeadmNetworking(InputObjects input) {
    Optional<ConfigMap> config = input.configMap("kubeadm-config");
    String text = config.map(c -> CniDetection.data(c).get("ClusterConfiguration")).orElse(null);
    if (text == null) {
      return Map.of();
    }
    try {
      Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      if (value instanceof Map<?, ?> map && map.get("networking") instanceof Map<?, ?> net) {
        Map<String, Object> result = new java.util.HashMap<>();
        net.forEach((k, v) -> result.put(String.valueOf(k), v));
        result.put("", "ConfigMap " + CniDetection.ref(config.get()) + ": ClusterConfiguration");
        return result;
      }
    } catch (RuntimeException e) {
      // not YAML: nothing stated
    }
    return Map.of();
  }

  /** A range list stated by kubeadm ({@code serviceSubnet}, {@code podSubnet}), or empty. */
  private static boolean fromKubeadm(
      Map<String, Object> kubeadm, String key, List<String> into, ProfileFacts facts) {
    Object value = kubeadm.get(key);
    if (value == null || value.toString().isBlank()) {
      return false;
    }
    for (String cidr : value.toString().split(",")) {
      into.add(cidr.trim());
    }
    facts.fact(kubeadm.get("") + " networking." + key + "=" + value);
    return true;
  }

  /**
   * When the CNI states no pod range (Calico with {@code CALICO_IPV4POOL_CIDR} unset, Cilium with
   * Kubernetes IPAM, no CNI found): kubeadm's {@code podSubnet}, else kube-controller-manager's
   * {@code --cluster-cidr}, else Calico's default pool for Calico.
   */
  private static void podCidr(InputObjects input, Map<String, Object> kubeadm, ProfileFacts facts) {
    if (!facts.podCidrs.isEmpty() || fromKubeadm(kubeadm, "podSubnet", facts.podCidrs, facts)) {
      return;
    }
    Optional<String> flag = podFlag(input, CLUSTER_CIDR, "--cluster-cidr=", facts);
    if (flag.isPresent()) {
      for (String cidr : flag.get().split(",")) {
        facts.podCidrs.add(cidr);
      }
      return;
    }
    if (facts.plugin == CniPlugin.CALICO && !facts.podRangeRefused) {
      facts.podCidrs.add(CalicoResources.DEFAULT_POOL);
      facts.fact(
          "no CALICO_IPV4POOL_CIDR and no podSubnet: "
              + CalicoResources.DEFAULT_POOL
              + " (Calico's default pool) assumed");
    }
  }

  /** The value of a flag in the command or args of any pod (a control-plane mirror pod). */
  private static Optional<String> podFlag(
      InputObjects input, Pattern flag, String name, ProfileFacts facts) {
    for (var pod : input.pods()) {
      if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
        continue;
      }
      for (var c : pod.getSpec().getContainers()) {
        List<String> args = new java.util.ArrayList<>();
        if (c.getCommand() != null) {
          args.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
          args.addAll(c.getArgs());
        }
        for (String arg : args) {
          Matcher m = arg == null ? null : flag.matcher(arg);
          if (m != null && m.find()) {
            facts.fact("Pod " + CniDetection.ref(pod) + ": " + name + m.group(1));
            return Optional.of(m.group(1));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static void kubeProxy(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("kube-proxy");
    if (facts.ebpfServices) {
      // the CNI's eBPF translates Service addresses before kube-proxy's rules would see them
      facts.kubeProxyMode = KubeProxyMode.EBPF;
      boolean kubeProxy =
          config.isPresent() || input.workload(DaemonSet.class, "kube-proxy").isPresent();
      String replacement = facts.plugin == CniPlugin.CALICO ? "Calico's eBPF dataplane" : "Cilium";
      facts.fact(
          kubeProxy
              ? "kube-proxy present, but " + replacement + " replaces it for Services: eBPF"
              : "no kube-proxy and "
                  + replacement
                  + " replaces it: Services load-balanced by eBPF");
      return;
    }
    String conf = config.map(c -> CniDetection.data(c).get("config.conf")).orElse(null);
    if (conf != null) {
      String mode = modeOf(conf).toLowerCase(Locale.ROOT);
      facts.kubeProxyMode =
          switch (mode) {
            case "ipvs" -> KubeProxyMode.IPVS;
            case "nftables" -> KubeProxyMode.NFTABLES;
            default -> KubeProxyMode.IPTABLES;
          };
      facts.fact(
          "ConfigMap "
              + CniDetection.ref(config.get())
              + ": config.conf mode="
              + (mode.isEmpty() ? "\"\" (iptables)" : mode));
      return;
    }
    Optional<DaemonSet> ds = input.workload(DaemonSet.class, "kube-proxy");
    if (ds.isPresent()) {
      facts.kubeProxyMode = KubeProxyMode.IPTABLES;
      facts.fact(
          "DaemonSet "
              + CniDetection.ref(ds.get())
              + " present without its ConfigMap: iptables mode assumed");
    } else {
      facts.fact("no kube-proxy ConfigMap or DaemonSet found: Service proxy mode unknown");
    }
  }

  /**
   * The {@code mode} of a KubeProxyConfiguration; a regex fallback when the YAML is not readable.
   */
  private static String modeOf(String conf) {
    try {
      Object value = new Yaml(new SafeConstructor(new LoaderOptions())).load(conf);
      if (value instanceof Map<?, ?> map) {
        Object mode = map.get("mode");
        return mode == null ? "" : mode.toString().trim();
      }
    } catch (RuntimeException e) {
      // fall through to the line match below
    }
    Matcher m = KUBE_PROXY_MODE.matcher(conf);
    return m.find() ? m.group(1) : "";
  }

  private static void dns(InputObjects input, ProfileFacts facts) {
    input.services().stream()
        .filter(
            s ->
                InputObjects.nameOf(s).equals("kube-dns")
                    && InputObjects.namespaceOf(s).equals("kube-system"))
        .findFirst()
        .map(s -> s.getSpec() == null ? null : s.getSpec().getClusterIP())
        .filter(IpAddresses::isLiteral)
        .ifPresent(
            ip -> {
              facts.clusterDnsIp = ip;
              facts.fact("Service kube-system/kube-dns: clusterIP=" + ip);
            });
    input
        .configMap("coredns")
        .ifPresent(
            coredns -> {
              Matcher m =
                  COREDNS_DOMAIN.matcher(CniDetection.data(coredns).getOrDefault("Corefile", ""));
              if (m.find()) {
                facts.clusterDomain = m.group(1);
                facts.fact(
                    "ConfigMap "
                        + CniDetection.ref(coredns)
                        + ": Corefile kubernetes "
                        + m.group(1));
              }
            });
  }

  private static void serviceCidr(
      InputObjects input, Map<String, Object> kubeadm, ProfileFacts facts) {
    if (fromKubeadm(kubeadm, "serviceSubnet", facts.serviceCidrs, facts)) {
      return;
    }
    Optional<String> flag = podFlag(input, SERVICE_RANGE, "--service-cluster-ip-range=", facts);
    if (flag.isPresent()) {
      for (String cidr : flag.get().split(",")) {
        facts.serviceCidrs.add(cidr);
      }
      return;
    }
    List<String> ips =
        input.services().stream()
            .map(s -> s.getSpec() == null ? null : s.getSpec().getClusterIP())
            .filter(ip -> ip != null && IpAddresses.isLiteral(ip) && !IpAddresses.isV6(ip))
            .toList();
    if (!ips.isEmpty()
        && ips.stream().allMatch(ip -> IpAddresses.contains(DEFAULT_SERVICE_CIDR, ip))) {
      // kubeadm's default holds them all: keep it, so the range does not change with which
      // Services the input happens to have
      facts.serviceCidrs.add(DEFAULT_SERVICE_CIDR);
      facts.fact(
          "Service clusterIPs all in "
              + DEFAULT_SERVICE_CIDR
              + ": assumed Service range (kubeadm's default)");
      return;
    }
    if (!ips.isEmpty()
        && ips.stream().map(ip -> IpAddresses.v4ToLong(ip) >>> 16).distinct().count() == 1) {
      long network = (IpAddresses.v4ToLong(ips.get(0)) >>> 16) << 16;
      String cidr = IpAddresses.longToV4(network) + "/16";
      facts.serviceCidrs.add(cidr);
      facts.fact("Service clusterIPs all in " + cidr + ": assumed Service range");
      return;
    }
    facts.serviceCidrs.add(DEFAULT_SERVICE_CIDR);
    facts.fact("no Service range found: " + DEFAULT_SERVICE_CIDR + " assumed (kubeadm's default)");
  }
}
