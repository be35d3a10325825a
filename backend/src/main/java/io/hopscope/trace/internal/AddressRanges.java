package io.hopscope.trace.internal;

import io.hopscope.topology.IpAddresses;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of CIDRs, parsed once: IPv4 ranges as numbers, IPv6 ones checked with {@link
 * IpAddresses#contains}.
 */
final class AddressRanges {

  private final long[] starts;
  private final long[] ends;
  private final List<String> v6;

  AddressRanges(List<String> cidrs) {
    List<long[]> v4 = new ArrayList<>();
    v6 = new ArrayList<>();
    for (String cidr : cidrs) {
      int slash = cidr.indexOf('/');
      if (slash < 0) {
        continue;
      }
      if (IpAddresses.isV6(cidr)) {
        v6.add(cidr);
        continue;
      }
      int prefix = Integer.parseInt(cidr.substring(slash + 1));
      long size = 1L << (32 - prefix);
      long start = IpAddresses.v4ToLong(cidr.substring(0, slash)) & ~(size - 1) & 0xffffffffL;
      v4.add(new long[] {start, start + size - 1});
    }
    starts = v4.stream().mapToLong(r -> r[0]).toArray();
    ends = v4.stream().mapToLong(r -> r[1]).toArray();
  }

  boolean contains(String address) {
    if (!IpAddresses.isLiteral(address)) {
      return false;
    }
    if (IpAddresses.isV6(address)) {
      return v6.stream().anyMatch(cidr -> IpAddresses.contains(cidr, address));
    }
    long value = IpAddresses.v4ToLong(address);
    for (int i = 0; i < starts.length; i++) {
      if (value >= starts[i] && value <= ends[i]) {
        return true;
      }
    }
    return false;
  }
}
