package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A cluster node.
 *
 * @param externalIp the external address, or empty
 * @param zone {@code topology.kubernetes.io/zone}, or empty
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
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String subnet) {

  public Node {
    externalIp = externalIp == null ? "" : externalIp;
    subnet = subnet == null ? "" : subnet;
    zone = zone == null ? "" : zone;
    podCidrs = List.copyOf(podCidrs);
    labels = Map.copyOf(labels);
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

  /** A node whose subnet is not known. */
  public Node(
      String name,
      String internalIp,
      String externalIp,
      List<String> podCidrs,
      String zone,
      Map<String, String> labels,
      boolean ready) {
    this(name, internalIp, externalIp, podCidrs, zone, labels, ready, "");
  }
}
