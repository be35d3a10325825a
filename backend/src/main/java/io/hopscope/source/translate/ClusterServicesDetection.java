package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.KubeProxyMode;
import java.util.List;
import java.util.Locale;
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

  static void detect(InputObjects input, ProfileFacts facts) {
    kubeProxy(input, facts);
    dns(input, facts);
    serviceCidr(input, facts);
  }

  private static void kubeProxy(InputObjects input, ProfileFacts facts) {
    Optional<ConfigMap> config = input.configMap("kube-proxy");
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
    } else if (facts.ebpfServices) {
      facts.kubeProxyMode = KubeProxyMode.EBPF;
      String replacement = facts.plugin == CniPlugin.CALICO ? "Calico's eBPF dataplane" : "Cilium";
      facts.fact(
          "no kube-proxy and " + replacement + " replaces it: Services load-balanced by eBPF");
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
      if (value instanceof java.util.Map<?, ?> map) {
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

  private static void serviceCidr(InputObjects input, ProfileFacts facts) {
    for (var pod : input.pods()) {
      if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
        continue;
      }
      for (var c : pod.getSpec().getContainers()) {
        boolean hasCommand = c.getCommand() != null && !c.getCommand().isEmpty();
        boolean hasArgs = c.getArgs() != null && !c.getArgs().isEmpty();
        if (!hasCommand && !hasArgs) {
          continue;
        }
        List<String> args = new java.util.ArrayList<>();
        if (hasCommand) {
          args.addAll(c.getCommand());
        }
        if (hasArgs) {
          args.addAll(c.getArgs());
        }
        for (String arg : args) {
          Matcher m = SERVICE_RANGE.matcher(arg);
          if (m.find()) {
            for (String cidr : m.group(1).split(",")) {
              facts.serviceCidrs.add(cidr);
            }
            facts.fact(
                "Pod " + CniDetection.ref(pod) + ": --service-cluster-ip-range=" + m.group(1));
            return;
          }
        }
      }
    }
    List<String> ips =
        input.services().stream()
            .map(s -> s.getSpec() == null ? null : s.getSpec().getClusterIP())
            .filter(ip -> ip != null && IpAddresses.isLiteral(ip) && !IpAddresses.isV6(ip))
            .toList();
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
