package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.hopscope.topology.CniMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calico's own resources: the operator's {@code Installation}, {@code IPPool}s ({@code
 * crd.projectcalico.org/v1} and {@code projectcalico.org/v3} have the same spec) and {@code
 * FelixConfiguration}. The first IPv4 pool decides the mode; every pool's range is a pod range.
 */
final class CalicoResources {

  /** The pool the operator and calico-node create when nothing names one. */
  static final String DEFAULT_POOL = "192.168.0.0/16";

  private CalicoResources() {}

  /** {@code IPPool}s: {@code cidr}, {@code ipipMode}, {@code vxlanMode}, {@code blockSize}. */
  static void pools(List<GenericKubernetesResource> pools, ProfileFacts facts) {
    boolean modeSet = false;
    for (GenericKubernetesResource pool : pools) {
      Map<String, Object> spec = map(pool.getAdditionalProperties().get("spec"));
      String where = "IPPool " + InputObjects.nameOf(pool);
      String cidr = text(spec.get("cidr"));
      if (!CalicoNodes.validCidr(cidr)) {
        facts.fact(where + ": cidr '" + cidr + "' is not an address range; ignored");
        facts.podRangeRefused = true;
        continue;
      }
      if (Boolean.parseBoolean(text(spec.get("disabled")))) {
        facts.fact(where + ": disabled; ignored");
        continue;
      }
      facts.podCidrs.add(cidr);
      String ipip = text(spec.get("ipipMode"));
      String vxlan = text(spec.get("vxlanMode"));
      String blockSize = text(spec.get("blockSize"));
      facts.fact(
          where
              + ": cidr="
              + cidr
              + ", ipipMode="
              + CniDetection.orNone(ipip)
              + ", vxlanMode="
              + CniDetection.orNone(vxlan)
              + (blockSize.isEmpty() ? "" : ", blockSize=" + blockSize));
      if (!modeSet && !cidr.contains(":")) {
        modeSet = true;
        if (CniDetection.encapsulates(ipip)) {
          mode(CniMode.IPIP, ipip.equalsIgnoreCase("CrossSubnet"), facts);
        } else if (CniDetection.encapsulates(vxlan)) {
          mode(CniMode.VXLAN, vxlan.equalsIgnoreCase("CrossSubnet"), facts);
        } else {
          mode(CniMode.BGP, false, facts);
        }
      }
    }
    if (!modeSet) {
      mode(CniMode.BGP, false, facts);
      facts.fact("no enabled IPv4 IPPool: BGP, no encapsulation, assumed");
    }
  }

  /**
   * The operator's {@code Installation}: {@code spec.calicoNetwork.ipPools[]} ({@code cidr}, {@code
   * encapsulation}), {@code bgp}, {@code mtu}, {@code linuxDataplane}.
   */
  static void installation(GenericKubernetesResource installation, ProfileFacts facts) {
    String where = "Installation " + InputObjects.nameOf(installation);
    Map<String, Object> network =
        map(map(installation.getAdditionalProperties().get("spec")).get("calicoNetwork"));
    List<?> pools = network.get("ipPools") instanceof List<?> list ? list : List.of();
    boolean modeSet = false;
    for (Object item : pools) {
      Map<String, Object> pool = map(item);
      String cidr = text(pool.get("cidr"));
      if (!CalicoNodes.validCidr(cidr)) {
        facts.fact(where + ": ipPools cidr '" + cidr + "' is not an address range; ignored");
        continue;
      }
      facts.podCidrs.add(cidr);
      // The operator's default encapsulation is IPIP.
      String encapsulation = text(pool.get("encapsulation"));
      String blockSize = text(pool.get("blockSize"));
      facts.fact(
          where
              + ": ipPools cidr="
              + cidr
              + ", encapsulation="
              + (encapsulation.isEmpty() ? "(unset: IPIP, the operator's default)" : encapsulation)
              + (blockSize.isEmpty() ? "" : ", blockSize=" + blockSize));
      if (!modeSet && !cidr.contains(":")) {
        modeSet = true;
        encapsulation(encapsulation.isEmpty() ? "IPIP" : encapsulation, where, facts);
      }
    }
    if (!modeSet) {
      if (facts.podCidrs.isEmpty()) {
        facts.podCidrs.add(DEFAULT_POOL);
        facts.fact(where + ": no IPv4 pool: the operator's default " + DEFAULT_POOL + ", IPIP");
      }
      mode(CniMode.IPIP, false, facts);
    }
    String bgp = text(network.get("bgp"));
    if (!bgp.isEmpty()) {
      facts.fact(where + ": bgp=" + bgp);
    }
    CniDetection.mtu(text(network.get("mtu")), where + ": mtu", facts);
    String dataplane = text(network.get("linuxDataplane"));
    if (dataplane.isEmpty()) {
      dataplane =
          text(map(installation.getAdditionalProperties().get("spec")).get("linuxDataplane"));
    }
    if (dataplane.equalsIgnoreCase("BPF")) {
      ebpf(where + ": linuxDataplane=BPF", facts);
    }
  }

  /**
   * {@code IPIP}, {@code VXLAN}, {@code IPIPCrossSubnet}, {@code VXLANCrossSubnet}, {@code None}.
   */
  private static void encapsulation(String value, String where, ProfileFacts facts) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "ipip" -> mode(CniMode.IPIP, false, facts);
      case "ipipcrosssubnet" -> mode(CniMode.IPIP, true, facts);
      case "vxlan" -> mode(CniMode.VXLAN, false, facts);
      case "vxlancrosssubnet" -> mode(CniMode.VXLAN, true, facts);
      case "none" -> mode(CniMode.BGP, false, facts);
      default -> {
        mode(CniMode.UNKNOWN, false, facts);
        facts.fact(where + ": encapsulation " + value + " is not one Calico knows; mode unknown");
      }
    }
  }

  private static void mode(CniMode mode, boolean crossSubnet, ProfileFacts facts) {
    facts.mode = mode;
    facts.crossSubnet = crossSubnet && mode != CniMode.BGP;
  }

  /** {@code FelixConfiguration}s ({@code default} first): WireGuard and the eBPF dataplane. */
  static void felix(List<GenericKubernetesResource> configs, ProfileFacts facts) {
    for (GenericKubernetesResource config : configs) {
      Map<String, Object> spec = map(config.getAdditionalProperties().get("spec"));
      String where = "FelixConfiguration " + InputObjects.nameOf(config);
      if (Boolean.parseBoolean(text(spec.get("wireguardEnabled")))) {
        facts.wireguard = true;
        facts.fact(where + ": wireguardEnabled=true");
      }
      if (Boolean.parseBoolean(text(spec.get("bpfEnabled")))) {
        ebpf(where + ": bpfEnabled=true", facts);
      }
    }
  }

  /** Calico's eBPF dataplane load-balances Services itself (it replaces kube-proxy). */
  private static void ebpf(String fact, ProfileFacts facts) {
    facts.ebpfServices = true;
    facts.fact(fact + ": eBPF dataplane, Services load-balanced by Calico");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value).trim();
  }
}
