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
 * @param subnet the node's address with the prefix of its subnet (e.g. {@code 10.0.1.5/24}) when
 *     the input says it (Calico's {@code projectcalico.org/IPv4Address} annotation), else empty
 */
public record Node(
    String name,
    String internalIp,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String externalIp,
    List<String> podCidrs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String zone,
    Map<String, String> labels,
    boolean ready,
    @JsonInclude(JsonInclude.Include.NON_NULL) Provenance provenance,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String subnet) {

  /**
   * The name of the one assumed node that pods without any placement are put on when the input has
   * no Node objects to spread them over (docs/manifests.md).
   */
  public static final String STAND_IN = "unplaced";

  /** A node of the input whose subnet is not known. */
  public Node(
      String name,
      String internalIp,
      String externalIp,
      List<String> podCidrs,
      String zone,
      Map<String, String> labels,
      boolean ready) {
    this(name, internalIp, externalIp, podCidrs, zone, labels, ready, null, "");
  }

  /** A node whose subnet is not known, assumed or of the input. */
  public Node(
      String name,
      String internalIp,
      String externalIp,
      List<String> podCidrs,
      String zone,
      Map<String, String> labels,
      boolean ready,
      Provenance provenance) {
    this(name, internalIp, externalIp, podCidrs, zone, labels, ready, provenance, "");
  }

  /** A node of the input with its subnet. */
  public Node(
      String name,
      String internalIp,
      String externalIp,
      List<String> podCidrs,
      String zone,
      Map<String, String> labels,
      boolean ready,
      String subnet) {
    this(name, internalIp, externalIp, podCidrs, zone, labels, ready, null, subnet);
  }

  public Node {
    externalIp = externalIp == null ? "" : externalIp;
    subnet = subnet == null ? "" : subnet;
    zone = zone == null ? "" : zone;
    podCidrs = List.copyOf(podCidrs);
    labels = Map.copyOf(labels);
    provenance = provenance == Provenance.ASSUMED ? provenance : null;
  }

  /** Whether the node is a guess: not in the input, only implied by its pods or standing in. */
  public boolean assumed() {
    return provenance == Provenance.ASSUMED;
  }

  /**
   * Whether both nodes' subnets are known and each holds the other's address: the test of Calico's
   * CrossSubnet encapsulation, which routes natively between such nodes.
   */
  public boolean sharesSubnetWith(Node other) {
    return !subnet.isEmpty()
        && !other.subnet.isEmpty()
        && holds(subnet, other.subnet)
        && holds(other.subnet, subnet);
  }

  private static boolean holds(String cidr, String other) {
    String address = other.substring(0, other.indexOf('/'));
    return IpAddresses.isV6(cidr) == IpAddresses.isV6(address)
        && IpAddresses.contains(cidr, address);
  }
}
