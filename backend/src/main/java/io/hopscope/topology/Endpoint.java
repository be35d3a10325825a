package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One backend address of a Service, from its EndpointSlices (or derived from its selector when the
 * input has no EndpointSlices).
 *
 * @param pod the backing pod, or null for addresses that are not pods
 * @param nodeName the node of the endpoint, or empty
 * @param zone the zone, or empty
 * @param ports the endpoint ports (name, number, protocol) of the slice
 */
public record Endpoint(
    String address,
    @JsonInclude(JsonInclude.Include.NON_NULL) PodRef pod,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String nodeName,
    boolean ready,
    boolean serving,
    boolean terminating,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String zone,
    List<ContainerPort> ports) {

  public Endpoint {
    nodeName = nodeName == null ? "" : nodeName;
    zone = zone == null ? "" : zone;
    ports = List.copyOf(ports);
  }
}
