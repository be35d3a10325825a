package io.hopscope.source.translate;

import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.HostVethNames;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetworkProfile;
import java.util.ArrayList;
import java.util.List;

/** What detection has found so far; every fact used is written to {@code detectedFrom}. */
final class ProfileFacts {

  CniPlugin plugin = CniPlugin.UNKNOWN;
  CniMode mode = CniMode.UNKNOWN;
  boolean wireguard;
  int mtu;
  final List<String> podCidrs = new ArrayList<>();
  final List<String> serviceCidrs = new ArrayList<>();
  KubeProxyMode kubeProxyMode = KubeProxyMode.UNKNOWN;

  /** Set by Cilium when kube-proxy replacement is on. */
  boolean ebpfServices;

  /** Set by Cilium when its eBPF Service translation runs per packet (socket LB off). */
  boolean perPacketServiceLb;

  String clusterDnsIp = "";

  /** Flannel's VXLAN network id and UDP port ({@code Backend.VNI}, {@code Backend.Port}). */
  int vni = 1;

  int udpPort = 8472;
  String clusterDomain = "cluster.local";

  /**
   * Set when the CNI stated its pod range but none of it could be used (e.g. Calico pools whose
   * cidr is not an address range): no default range is assumed then.
   */
  boolean podRangeRefused;

  /** Calico CrossSubnet: encapsulate only between nodes of different subnets. */
  boolean crossSubnet;

  /** Calico's host veth prefix ({@code FELIX_INTERFACEPREFIX}, first entry). */
  String calicoInterfacePrefix = HostVethNames.CALICO_DEFAULT_PREFIX;

  final List<String> detectedFrom = new ArrayList<>();

  void fact(String line) {
    detectedFrom.add(line);
  }

  NetworkProfile toProfile() {
    int effectiveMtu = mtu > 0 ? mtu : MtuDefaults.of(plugin, mode, wireguard);
    return new NetworkProfile(
        plugin,
        mode,
        wireguard,
        effectiveMtu,
        podCidrs,
        serviceCidrs,
        kubeProxyMode,
        clusterDnsIp,
        clusterDomain,
        detectedFrom,
        crossSubnet,
        perPacketServiceLb);
  }
}
