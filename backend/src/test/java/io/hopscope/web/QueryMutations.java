package io.hopscope.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Query strings for the trace, verdict and connectivity parameters: valid values of the default
 * demo, mutated with random bytes, percent escapes (broken ones and invalid UTF-8 too), huge values
 * and repeated parameters. The text is sent as raw bytes (one per char) on the request line.
 */
final class QueryMutations {

  private static final List<String> NAMES =
      List.of(
          "from",
          "to",
          "port",
          "protocol",
          "ipBlockMatchesPods",
          "hostNetworkPodsAsPods",
          "format",
          "snapshot",
          "namespace",
          "page",
          "size");

  private static final List<String> VALUES =
      List.of(
          "shop/web",
          "shop/cart",
          "service:shop/web",
          "dns:web.shop.svc.cluster.local",
          "dns:localhost",
          "ip:10.96.0.1",
          "ip:127.0.0.1",
          "ip:::1",
          "8080",
          "0",
          "65536",
          "-1",
          "99999999999999999999",
          "TCP",
          "udp",
          "SCTP",
          "true",
          "false",
          "txt",
          "json",
          "");

  /** Broken or odd percent escapes: a lone '%', non-hex, overlong and invalid UTF-8, NUL. */
  private static final List<String> ESCAPES =
      List.of("%", "%G1", "%2", "%C3%28", "%C0%AF", "%ED%A0%80", "%FF", "%00", "%0A", "%25", "%2F");

  private QueryMutations() {}

  static String query(Random random) {
    int count = 1 + random.nextInt(5);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = NAMES.get(random.nextInt(NAMES.size()));
      String value = VALUES.get(random.nextInt(VALUES.size()));
      parts.add(mutate(name, random) + "=" + mutate(value, random));
    }
    return String.join("&", parts);
  }

  private static String mutate(String text, Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> text;
      case 1 -> insert(text, ESCAPES.get(random.nextInt(ESCAPES.size())), random);
      case 2 -> insert(text, randomBytes(random), random);
      case 3 -> text.repeat(1 + random.nextInt(3_000 / Math.max(1, text.length())));
      case 4 -> percentEncodedNoise(random);
      case 5 -> text.isEmpty() ? text : text.substring(0, random.nextInt(text.length()));
      default -> insert(text, "&" + text + "=", random);
    };
  }

  private static String insert(String text, String inserted, Random random) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
    return text.substring(0, at) + inserted + text.substring(at);
  }

  /**
   * Bytes a request line can carry (not space, CR or LF, which end it, nor '#'): printable ASCII
   * and bytes above 0x7F.
   */
  private static String randomBytes(Random random) {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(16);
    while (out.length() < length) {
      char c = (char) (0x21 + random.nextInt(0xFF - 0x21));
      if (c != '#' && c != 0x7F) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String percentEncodedNoise(Random random) {
    StringBuilder out = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      out.append('%').append(String.format("%02X", random.nextInt(256)));
    }
    return out.toString();
  }
}
