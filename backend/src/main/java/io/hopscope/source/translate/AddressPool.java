package io.hopscope.source.translate;

import io.hopscope.topology.IpAddresses;
import java.util.Optional;
import java.util.Set;

/**
 * Hands out IPv4 addresses of one range in order, skipping addresses already taken, so the same
 * input always yields the same addresses.
 */
final class AddressPool {

  private final long first;
  private final long last;
  private final Set<String> taken;
  private long next;

  /**
   * @param cidr an IPv4 range
   * @param offset how many addresses at the start of the range to leave out (network address,
   *     gateway)
   * @param taken addresses in use; the pool adds the ones it hands out
   */
  AddressPool(String cidr, int offset, Set<String> taken) {
    int slash = cidr.indexOf('/');
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long size = 1L << (32 - prefix);
    long network = IpAddresses.v4ToLong(cidr.substring(0, slash)) & ~(size - 1);
    this.first = network + Math.min(offset, Math.max(0, size - 2));
    this.last = network + size - 2; // keep the broadcast address free
    this.taken = taken;
    this.next = first;
  }

  static boolean isV4Cidr(String cidr) {
    int slash = cidr == null ? -1 : cidr.indexOf('/');
    if (slash <= 0 || IpAddresses.isV6(cidr) || !IpAddresses.isLiteral(cidr.substring(0, slash))) {
      return false;
    }
    String prefix = cidr.substring(slash + 1);
    return prefix.matches("\\d{1,2}") && Integer.parseInt(prefix) <= 32;
  }

  /** The next free address, or empty when the range is used up. */
  Optional<String> next() {
    while (next <= last) {
      String candidate = IpAddresses.longToV4(next++);
      if (taken.add(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
