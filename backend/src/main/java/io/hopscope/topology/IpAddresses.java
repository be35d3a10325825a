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
