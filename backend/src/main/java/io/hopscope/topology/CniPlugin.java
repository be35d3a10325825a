package io.hopscope.topology;

/** CNI plugins whose datapath Hopscope models. */
public enum CniPlugin {
  FLANNEL,
  CALICO,
  CILIUM,
  WEAVE,
  UNKNOWN
}
