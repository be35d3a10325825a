package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A container of a pod; {@code init} marks init containers (they never serve traffic). */
public record Container(
    String name,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String image,
    List<ContainerPort> ports,
    boolean init) {

  public Container {
    image = image == null ? "" : image;
    ports = List.copyOf(ports);
  }
}
