package io.hopscope.trace.internal;

import io.hopscope.topology.Node;

/**
 * Calico's CrossSubnet rule: the pool's tunnel carries traffic only between nodes of different
 * subnets; between nodes of one subnet it is routed natively. Subnets come from {@link
 * Node#subnet()} (Calico's {@code projectcalico.org/IPv4Address} annotation); when either node's is
 * unknown, encapsulation is assumed, as for nodes that cannot be shown to share a subnet.
 *
 * @param encapsulate whether the packet is encapsulated between the two nodes
 * @param assumed whether that rests on a guess (a node's subnet is unknown)
 * @param why one sentence for the hop detail
 */
record CrossSubnet(boolean encapsulate, boolean assumed, String why) {

  static CrossSubnet between(Node from, Node to) {
    if (from.subnet().isEmpty() || to.subnet().isEmpty()) {
      Node unknown = from.subnet().isEmpty() ? from : to;
      return new CrossSubnet(
          true,
          true,
          "CrossSubnet: the subnet of "
              + unknown.name()
              + " is not known (no projectcalico.org/IPv4Address annotation, only InternalIP "
              + unknown.internalIp()
              + "), so encapsulation is assumed");
    }
    boolean same = from.sharesSubnetWith(to);
    String pair =
        from.name() + " (" + from.subnet() + ") and " + to.name() + " (" + to.subnet() + ")";
    return same
        ? new CrossSubnet(
            false, false, "CrossSubnet: " + pair + " share a subnet, so no encapsulation")
        : new CrossSubnet(
            true, false, "CrossSubnet: " + pair + " are in different subnets, so encapsulated");
  }
}
