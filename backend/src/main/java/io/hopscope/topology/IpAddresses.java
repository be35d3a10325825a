package io.hopscope.topology;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address and CIDR arithmetic without DNS lookups (literals only). */
public final class IpAddresses {

  private static final Pattern V4 =
      Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern V6 = Pattern.compile("^[0-9a-fA-F:.]+$");

  private IpAddresses() {}

  public static boolean isLiteral(String text) {
    if (text == null) {
      return false;
    }
    var m = V4.matcher(text);
    if (m.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(m.group(i)) > 255) {
          return false;
        }
      }
      return true;
    }
    return text.contains(":") && V6.matcher(text).matches() && parse(text) != null;
  }

  public static boolean isV6(String address) {
    return address.contains(":");
  }

  /** The canonical text of an address literal. */
  public static String normalize(String literal) {
    InetAddress address = parse(literal);
    return address == null ? literal : address.getHostAddress();
  }

  /** The address as an unsigned number (32 or 128 bits). */
  public static BigInteger toNumber(String literal) {
    InetAddress address = parse(literal);
    if (address == null) {
      throw new IllegalArgumentException("not an IP address: " + literal);
    }
    return new BigInteger(1, address.getAddress());
  }

  /** IPv4 as an unsigned int in a long. */
  public static long v4ToLong(String literal) {
    return toNumber(literal).longValue();
  }

  public static String longToV4(long value) {
    return ((value >> 24) & 255)
        + "."
        + ((value >> 16) & 255)
        + "."
        + ((value >> 8) & 255)
        + "."
        + (value & 255);
  }

  /** Whether {@code address} lies inside {@code cidr} (same family). */
  public static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || isV6(cidr) != isV6(address)) {
      return false;
    }
    int bits = isV6(cidr) ? 128 : 32;
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    BigInteger network = toNumber(cidr.substring(0, slash));
    BigInteger value = toNumber(address);
    return network.shiftRight(bits - prefix).equals(value.shiftRight(bits - prefix));
  }

  /**
   * The range of the given prefix length that holds {@code address}, e.g. 10.1.2.3, 26 ->
   * 10.1.2.0/26.
   */
  public static String network(String address, int prefix) {
    int bits = isV6(address) ? 128 : 32;
    BigInteger network = toNumber(address).shiftRight(bits - prefix).shiftLeft(bits - prefix);
    return fromNumber(network, isV6(address)) + "/" + prefix;
  }

  /** The last address of an IPv4 range (its broadcast address), e.g. 10.1.2.0/24 -> 10.1.2.255. */
  public static String lastV4(String cidr) {
    int slash = cidr.indexOf('/');
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long size = 1L << (32 - prefix);
    long network = v4ToLong(cidr.substring(0, slash)) & ~(size - 1);
    return longToV4(network + size - 1);
  }

  private static String fromNumber(BigInteger value, boolean v6) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[v6 ? 16 : 4];
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
    }
  }

  private static InetAddress parse(String literal) {
    try {
      if (!isLiteralShape(literal)) {
        return null;
      }
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isLiteralShape(String text) {
    return V4.matcher(text).matches() || (text.contains(":") && V6.matcher(text).matches());
  }
}
