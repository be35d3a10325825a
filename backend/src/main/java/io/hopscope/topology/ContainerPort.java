package io.hopscope.topology;

/**
 * A port a container declares.
 *
 * @param name the port name, or empty
 * @param hostPort the host port, or 0
 */
public record ContainerPort(String name, int containerPort, Protocol protocol, int hostPort) {

  public ContainerPort {
    name = name == null ? "" : name;
    protocol = protocol == null ? Protocol.TCP : protocol;
  }
}
