package io.hopscope.topology;

/** CNI plugins whose datapath Hopscope models. */
public enum CniPlugin {
  FLANNEL,
  CALICO,
  CILIUM,
  WEAVE,
  /** Flannel's datapath (its backend is the mode) with Calico's policy and {@code cali} veths. */
  CANAL,
  UNKNOWN
}
