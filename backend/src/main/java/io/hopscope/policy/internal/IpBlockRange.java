package io.hopscope.policy.internal;

import io.hopscope.policy.Reason;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.NetworkPolicy.IpBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * An ipBlock parsed once into numeric ranges, so matching an address is a few comparisons.
 *
 * @param block the ipBlock as written
 * @param cidr its CIDR as a range
 * @param except its exceptions as ranges (same family as the CIDR; others are ignored)
 */
public record IpBlockRange(IpBlock block, AddressRange cidr, List<AddressRange> except) {

  /** An inclusive range of addresses of one family, named by the CIDR it came from. */
  public record AddressRange(String text, boolean v6, BigInteger first, BigInteger last) {

    /** Parses {@code a.b.c.d/n} or {@code x::/n}; a bare address is a /32 or /128. */
    public static AddressRange parse(String cidr) {
      String text = cidr.trim();
      int slash = text.indexOf('/');
      String address = slash < 0 ? text : text.substring(0, slash);
      boolean v6 = IpAddresses.isV6(address);
      int bits = v6 ? 128 : 32;
      int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1).trim());
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("bad prefix length in " + cidr);
      }
      BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
      BigInteger first = IpAddresses.toNumber(address).andNot(hostMask);
      return new AddressRange(text, v6, first, first.or(hostMask));
    }

    /** False for the stand-in of a CIDR that did not parse. */
    public boolean isValid() {
      return first.compareTo(last) <= 0;
    }

    public boolean contains(boolean addressV6, BigInteger address) {
      return v6 == addressV6 && first.compareTo(address) <= 0 && last.compareTo(address) >= 0;
    }
  }

  /**
   * Parses an ipBlock. A CIDR that does not parse (the API server would have rejected it) gives a
   * block that matches no address, rather than failing the whole evaluation.
   */
  public static IpBlockRange of(IpBlock block) {
    AddressRange cidr;
    try {
      cidr = AddressRange.parse(block.cidr());
    } catch (RuntimeException e) {
      return new IpBlockRange(
          block,
          new AddressRange(block.cidr() + " (invalid)", false, BigInteger.ONE, BigInteger.ZERO),
          List.of());
    }
    List<AddressRange> except = new ArrayList<>();
    for (String e : block.except()) {
      try {
        AddressRange range = AddressRange.parse(e);
        if (range.v6() == cidr.v6()) {
          except.add(range);
        }
      } catch (RuntimeException invalid) {
        // an unparsable exception excludes nothing
      }
    }
    return new IpBlockRange(block, cidr, List.copyOf(except));
  }

  /** Null when the address is in the block, else why not. */
  public Reason check(String address, BigInteger number) {
    boolean v6 = IpAddresses.isV6(address);
    if (!cidr.contains(v6, number)) {
      return new Reason.OutsideIpBlock(address, cidr.text());
    }
    for (AddressRange e : except) {
      if (e.contains(v6, number)) {
        return new Reason.IpBlockExcept(address, cidr.text(), e.text());
      }
    }
    return null;
  }
}
