package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A cluster node.
 *
 * @param externalIp the external address, or empty
 * @param zone {@code topology.kubernetes.io/zone}, or empty
 * @param provenance {@link Provenance#ASSUMED} when the input has no such Node object (synthesized
 *     from the pods that name it or from their {@code status.hostIP}, or the stand-in node of pods
 *     without placement); null (left out of the JSON) for the nodes of the input
 */
public record Node(
    String name,
    String internalIp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String externalIp,
    List<String> podCidrs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String zone,
    Map<String, String> labels,
    boolean ready,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance) {

  /**
   * The name of the one assumed node that pods without any placement are put on when the input has
   * no Node objects to spread them over (docs/manifests.md).
   */
  public static final String STAND_IN = "unplaced";

  /** A node of the input. */
  public Node(
      String name,
      String internalIp,
      String externalIp,
      List<String> podCidrs,
      String zone,
      Map<String, String> labels,
      boolean ready) {
    this(name, internalIp, externalIp, podCidrs, zone, labels, ready, null);
  }

  public Node {
    externalIp = externalIp == null ? "" : externalIp;
    zone = zone == null ? "" : zone;
    podCidrs = List.copyOf(podCidrs);
    labels = Map.copyOf(labels);
    provenance = provenance == Provenance.ASSUMED ? provenance : null;
  }

  /** Whether the node is a guess: not in the input, only implied by its pods or standing in. */
  public boolean assumed() {
    return provenance == Provenance.ASSUMED;
  }
}
