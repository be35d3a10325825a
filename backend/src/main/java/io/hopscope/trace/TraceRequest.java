package io.hopscope.trace;

import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortNumber;
import io.hopscope.topology.Protocol;

/**
 * What to trace: from a pod (optionally one of its containers) to a pod, Service, DNS name or
 * address, on a port and protocol.
 *
 * @param fromContainer the source container, or empty for the pod's first application container
 * @param port the destination port, or 0 for the target's first declared port
 * @param ipBlockMatchesPods whether NetworkPolicy ipBlocks match in-cluster pod IPs on the path
 */
public record TraceRequest(
    PodRef from,
    String fromContainer,
    EndpointRef to,
    int port,
    Protocol protocol,
    boolean ipBlockMatchesPods) {

  public TraceRequest {
    fromContainer = fromContainer == null ? "" : fromContainer;
    protocol = protocol == null ? Protocol.TCP : protocol;
    if (port < 0 || port > 65535) {
      throw TraceException.invalid("port", "port must be between 1 and 65535, was " + port);
    }
  }

  /**
   * A request with the default ipBlock semantics (ipBlocks match pod IPs, as the upstream e2e
   * suite).
   */
  public TraceRequest(
      PodRef from, String fromContainer, EndpointRef to, int port, Protocol protocol) {
    this(from, fromContainer, to, port, protocol, true);
  }

  public TraceRequest withIpBlockMatchesPods(boolean matches) {
    return new TraceRequest(from, fromContainer, to, port, protocol, matches);
  }

  /**
   * Parses request parameters as users write them ({@code from=NS/POD[:CONTAINER]}, {@code
   * to=NS/POD[:CONTAINER]|service:NS/NAME|dns:NAME|ip:ADDRESS}, {@code port}, {@code protocol}).
   *
   * @throws TraceException naming the malformed parameter
   */
  public static TraceRequest parse(String from, String to, String port, String protocol) {
    if (from == null || from.isBlank()) {
      throw TraceException.invalid(
          "from", "from is required: the source pod as NAMESPACE/POD[:CONTAINER]");
    }
    if (to == null || to.isBlank()) {
      throw TraceException.invalid(
          "to",
          "to is required: NAMESPACE/POD[:CONTAINER], service:NS/NAME, dns:NAME or ip:ADDRESS");
    }
    EndpointRef source;
    try {
      source = EndpointRef.parse(from);
    } catch (IllegalArgumentException e) {
      throw TraceException.invalid("from", e.getMessage());
    }
    if (!(source instanceof EndpointRef.PodEndpoint pod)) {
      throw TraceException.invalid(
          "from",
          "a trace starts at a pod (NAMESPACE/POD[:CONTAINER]), not at '" + from.trim() + "'");
    }
    EndpointRef target;
    try {
      target = EndpointRef.parse(to);
    } catch (IllegalArgumentException e) {
      throw TraceException.invalid("to", e.getMessage());
    }
    return new TraceRequest(
        pod.pod(), pod.container(), target, parsePort(port), parseProtocol(protocol));
  }

  private static int parsePort(String port) {
    if (port == null || port.isBlank()) {
      return 0;
    }
    try {
      return PortNumber.parse(port);
    } catch (IllegalArgumentException e) {
      throw TraceException.invalid("port", e.getMessage());
    }
  }

  private static Protocol parseProtocol(String protocol) {
    if (protocol == null || protocol.isBlank()) {
      return Protocol.TCP;
    }
    return Protocol.parse(protocol)
        .orElseThrow(
            () ->
                TraceException.invalid(
                    "protocol", "protocol must be TCP, UDP or SCTP, was '" + protocol + "'"));
  }

  /** The source as written: {@code NS/POD[:CONTAINER]}. */
  public String fromText() {
    return fromContainer.isEmpty() ? from.toString() : from + ":" + fromContainer;
  }
}
