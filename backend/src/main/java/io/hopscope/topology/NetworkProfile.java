package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * How the cluster network is built: the CNI plugin and its datapath mode, MTU, address ranges, the
 * Service proxy and the cluster DNS.
 *
 * @param plugin the CNI plugin
 * @param mode its datapath mode across nodes
 * @param wireguard whether node-to-node traffic is encrypted with WireGuard
 * @param mtu the pod interface MTU
 * @param podCidrs cluster pod ranges
 * @param serviceCidrs cluster Service ranges
 * @param kubeProxyMode how Services are load-balanced
 * @param clusterDnsIp the ClusterIP of the cluster DNS Service, or empty
 * @param clusterDomain the cluster domain, usually {@code cluster.local}
 * @param detectedFrom one line per fact used to detect the profile (e.g. "kube-flannel-cfg
 *     Backend.Type=vxlan")
 * @param crossSubnet Calico's {@code CrossSubnet} encapsulation: the {@link #mode} tunnel carries
 *     only traffic between nodes of different subnets ({@link Node#subnet}); traffic between nodes
 *     of one subnet is routed natively
 * @param perPacketServiceLb with {@link KubeProxyMode#EBPF}: Cilium's socket LB is off, so Service
 *     addresses are translated per packet by the eBPF program on the source pod's veth instead of
 *     at connect(); false (left out) otherwise
 */
public record NetworkProfile(
    CniPlugin plugin,
    CniMode mode,
    boolean wireguard,
    int mtu,
    List<String> podCidrs,
    List<String> serviceCidrs,
    KubeProxyMode kubeProxyMode,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String clusterDnsIp,
    String clusterDomain,
    List<String> detectedFrom,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean crossSubnet,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY)
        boolean perPacketServiceLb) {

  public NetworkProfile {
    podCidrs = List.copyOf(podCidrs);
    serviceCidrs = List.copyOf(serviceCidrs);
    detectedFrom = List.copyOf(detectedFrom);
    // Boxed so that states stored before the field existed read as false.
    crossSubnet = Boolean.TRUE.equals(crossSubnet);
    clusterDnsIp = clusterDnsIp == null ? "" : clusterDnsIp;
    clusterDomain =
        clusterDomain == null || clusterDomain.isBlank() ? "cluster.local" : clusterDomain;
    perPacketServiceLb = perPacketServiceLb && kubeProxyMode == KubeProxyMode.EBPF;
  }

  /** A profile whose encapsulation, if any, is used between every two nodes. */
  public NetworkProfile(
      CniPlugin plugin,
      CniMode mode,
      boolean wireguard,
      int mtu,
      List<String> podCidrs,
      List<String> serviceCidrs,
      KubeProxyMode kubeProxyMode,
      String clusterDnsIp,
      String clusterDomain,
      List<String> detectedFrom) {
    this(
        plugin,
        mode,
        wireguard,
        mtu,
        podCidrs,
        serviceCidrs,
        kubeProxyMode,
        clusterDnsIp,
        clusterDomain,
        detectedFrom,
        false,
        false);
  }

  /** A profile that knows nothing: generic L3 datapath, assumed. */
  public static NetworkProfile unknown() {
    return new NetworkProfile(
        CniPlugin.UNKNOWN,
        CniMode.UNKNOWN,
        false,
        1500,
        List.of(),
        List.of(),
        KubeProxyMode.UNKNOWN,
        "",
        "cluster.local",
        List.of());
  }
}
