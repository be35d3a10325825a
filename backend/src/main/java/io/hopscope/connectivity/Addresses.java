package io.hopscope.connectivity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address numbers back to text. */
final class Addresses {

  private Addresses() {}

  static String text(BigInteger number, boolean v6) {
    byte[] raw = number.toByteArray();
    byte[] bytes = new byte[v6 ? 16 : 4];
    // toByteArray is big-endian and may carry a sign byte or be shorter than the address
    for (int i = 0; i < bytes.length && i < raw.length; i++) {
      bytes[bytes.length - 1 - i] = raw[raw.length - 1 - i];
    }
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigInteger number(String address) {
    return io.hopscope.topology.IpAddresses.toNumber(address);
  }
}
