package io.hopscope.topology;

/** How Service traffic is load-balanced: kube-proxy's modes, or eBPF kube-proxy replacement. */
public enum KubeProxyMode {
  IPTABLES,
  IPVS,
  NFTABLES,
  EBPF,
  UNKNOWN
}
