package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A port a container declares.
 *
 * @param name the port name, or empty
 * @param hostPort the host port, or 0
 */
public record ContainerPort(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
    int containerPort,
    Protocol protocol,
    @OptionalNumber int hostPort) {

  public ContainerPort {
    name = name == null ? "" : name;
    protocol = protocol == null ? Protocol.TCP : protocol;
  }
}
