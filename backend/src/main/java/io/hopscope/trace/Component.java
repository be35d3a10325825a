package io.hopscope.trace;

/** What handles the packet at a hop (after antrea traceflow's vocabulary). */
public enum Component {
  CONTAINER,
  LOOPBACK,
  POD_INTERFACE,
  VETH,
  BRIDGE,
  ROUTING,
  EBPF,
  SERVICE_LB,
  DNS,
  NETWORK_POLICY,
  TUNNEL,
  UNDERLAY,
  SIDECAR
}
