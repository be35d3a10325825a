package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A cluster node.
 *
 * @param externalIp the external address, or empty
 * @param zone {@code topology.kubernetes.io/zone}, or empty
 */
public record Node(
    String name,
    String internalIp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String externalIp,
    List<String> podCidrs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String zone,
    Map<String, String> labels,
    boolean ready) {

  public Node {
    externalIp = externalIp == null ? "" : externalIp;
    zone = zone == null ? "" : zone;
    podCidrs = List.copyOf(podCidrs);
    labels = Map.copyOf(labels);
  }
}
