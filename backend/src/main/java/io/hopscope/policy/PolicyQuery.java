package io.hopscope.policy;

import io.hopscope.topology.Protocol;

/**
 * A connection to judge: from, to, destination port and protocol, and the semantics to use for the
 * implementation-defined cases (see {@link Semantics}).
 */
public record PolicyQuery(
    PolicyEndpoint from,
    PolicyEndpoint to,
    int port,
    Protocol protocol,
    boolean ipBlockMatchesPods,
    boolean hostNetworkPodsAsPods) {

  /** A query with hostNetwork pods outside pod policy (the default). */
  public PolicyQuery(
      PolicyEndpoint from,
      PolicyEndpoint to,
      int port,
      Protocol protocol,
      boolean ipBlockMatchesPods) {
    this(from, to, port, protocol, ipBlockMatchesPods, false);
  }

  public Semantics semantics() {
    return new Semantics(ipBlockMatchesPods, hostNetworkPodsAsPods);
  }
}
