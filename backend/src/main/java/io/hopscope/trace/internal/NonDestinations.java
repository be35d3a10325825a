package io.hopscope.trace.internal;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Node;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Addresses no packet can be traced to: the unspecified addresses ({@code 0.0.0.0/8}, {@code ::})
 * and broadcast addresses (the limited broadcast, and the last address of every pod and node subnet
 * the state knows). A connection to one of them reaches no single receiver, so asking for its path
 * is a bad request rather than a trace.
 */
final class NonDestinations {

  private static final String LIMITED_BROADCAST = "255.255.255.255";

  /** Broadcast address -> which subnet it belongs to, for the message. */
  private final Map<String, String> broadcasts = new LinkedHashMap<>();

  NonDestinations(ClusterState state) {
    for (String cidr : state.network().podCidrs()) {
      broadcast(cidr, "the cluster pod range " + cidr);
    }
    for (Node node : state.nodes()) {
      for (String cidr : node.podCidrs()) {
        broadcast(cidr, "pod range " + cidr + " of node " + node.name());
      }
    }
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.Uplink uplink) {
        for (String address : uplink.addresses()) {
          broadcast(address, "node network " + address + " of node " + uplink.node());
        }
      }
    }
  }

  /**
   * Records the broadcast address of an IPv4 subnet written with its prefix (a /31 or /32 has
   * none).
   */
  private void broadcast(String cidr, String what) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || IpAddresses.isV6(cidr) || !IpAddresses.isLiteral(cidr.substring(0, slash))) {
      return;
    }
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      return;
    }
    if (prefix < 1 || prefix > 30) {
      return;
    }
    broadcasts.putIfAbsent(IpAddresses.lastV4(cidr), "the broadcast address of " + what);
  }

  /** Why {@code address} (a normalized literal) is not a destination, or empty when it is one. */
  Optional<String> why(String address) {
    if (!IpAddresses.isLiteral(address)) {
      return Optional.empty();
    }
    BigInteger value = IpAddresses.toNumber(address);
    if (IpAddresses.isV6(address)) {
      return value.signum() == 0
          ? Optional.of(address + " is the unspecified IPv6 address (::), not a destination")
          : Optional.empty();
    }
    if (value.shiftRight(24).signum() == 0) {
      return Optional.of(
          address + " is in 0.0.0.0/8, the unspecified (\"this host\") range, not a destination");
    }
    if (LIMITED_BROADCAST.equals(address)) {
      return Optional.of(address + " is the limited broadcast address, not a destination");
    }
    return Optional.ofNullable(broadcasts.get(address))
        .map(what -> address + " is " + what + ", not a single destination");
  }
}
