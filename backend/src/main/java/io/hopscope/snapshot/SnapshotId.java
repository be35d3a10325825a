package io.hopscope.snapshot;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Snapshot ids: 128 random bits from {@link SecureRandom}, base64url without padding (22 chars).
 */
public final class SnapshotId {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9_-]{22}$");

  private SnapshotId() {}

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** Whether the text can be an id at all; anything else is unknown without asking the store. */
  public static boolean isWellFormed(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }
}
