package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Service port. Unset values are left out of the JSON, as Kubernetes does.
 *
 * @param name the port name, or empty
 * @param targetPort the port on the pods (defaults to {@code port}, as in Kubernetes)
 * @param nodePort the node port, or 0
 * @param appProtocol the application protocol, or empty
 */
public record ServicePort(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    int port,
    PortRef targetPort,
    @OptionalNumber int nodePort,
    Protocol protocol,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String appProtocol) {

  public ServicePort {
    name = name == null ? "" : name;
    protocol = protocol == null ? Protocol.TCP : protocol;
    targetPort = targetPort == null ? PortRef.of(port) : targetPort;
    appProtocol = appProtocol == null ? "" : appProtocol;
  }
}
