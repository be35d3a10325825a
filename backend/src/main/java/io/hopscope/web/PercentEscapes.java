package io.hopscope.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict percent-decoding of a raw path or query part: bad escapes and non-UTF-8 bytes fail. */
final class PercentEscapes {

  private PercentEscapes() {}

  /**
   * The first problem of a raw request target ({@code /path?query}), or empty when it decodes: a
   * problem with no parameter for the path, or naming the query parameter whose value fails.
   */
  static Optional<Refusal> check(String target) {
    int question = target.indexOf('?');
    String rawPath = question < 0 ? target : target.substring(0, question);
    if (decode(rawPath).isEmpty()) {
      return Optional.of(new Refusal("the path has a percent-escape that is not UTF-8", null));
    }
    if (question < 0) {
      return Optional.empty();
    }
    for (String pair : target.substring(question + 1).split("&")) {
      int equals = pair.indexOf('=');
      Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (name.isEmpty()) {
        return Optional.of(
            new Refusal("a query parameter name has a percent-escape that is not UTF-8", null));
      }
      if (equals >= 0 && decode(pair.substring(equals + 1)).isEmpty()) {
        return Optional.of(
            new Refusal(
                name.get() + " has a percent-escape that is not UTF-8 (%XX, X a hex digit)",
                QueryParameters.abbreviate(name.get())));
      }
    }
    return Optional.empty();
  }

  /** Why a target was refused; {@code parameter} is null when no parameter is to blame. */
  record Refusal(String detail, String parameter) {}

  /** Percent-decodes strictly ({@code +} is a space, as in forms); empty when it does not. */
  static Optional<String> decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return Optional.of(raw.replace('+', ' '));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return Optional.empty();
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return Optional.empty();
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
