package io.hopscope.topology;

/**
 * A Service port.
 *
 * @param name the port name, or empty
 * @param nodePort the node port, or 0
 * @param appProtocol the application protocol, or empty
 */
public record ServicePort(
    String name,
    int port,
    PortRef targetPort,
    int nodePort,
    Protocol protocol,
    String appProtocol) {

  public ServicePort {
    name = name == null ? "" : name;
    protocol = protocol == null ? Protocol.TCP : protocol;
    targetPort = targetPort == null ? PortRef.of(port) : targetPort;
    appProtocol = appProtocol == null ? "" : appProtocol;
  }
}
