package io.hopscope.topology;

/**
 * How pod traffic crosses nodes. VXLAN/GENEVE/IPIP encapsulate; HOST_GW and BGP route natively;
 * NATIVE is Cilium's native routing; FASTDP and SLEEVE are Weave's; WIREGUARD is Flannel's
 * wireguard backend (other plugins flag WireGuard with {@link NetworkProfile#wireguard()}).
 */
public enum CniMode {
  VXLAN,
  HOST_GW,
  BGP,
  IPIP,
  GENEVE,
  NATIVE,
  FASTDP,
  SLEEVE,
  WIREGUARD,
  UNKNOWN
}
