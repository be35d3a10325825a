package io.hopscope.snapshot;

/**
 * Rules for user-given snapshot names. Any printable text is kept as given (pages escape it);
 * control characters and very long names are refused.
 */
public final class SnapshotName {

  /** Upper bound, in Unicode code points. */
  public static final int MAX_LENGTH = 200;

  private SnapshotName() {}

  /**
   * The name to store: trimmed, or {@code fallback} when absent or blank.
   *
   * @throws IllegalArgumentException with a message fit for a user
   */
  public static String validate(String name, String fallback) {
    if (name == null || name.isBlank()) {
      return fallback;
    }
    String trimmed = name.strip();
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      throw new IllegalArgumentException("name is longer than " + MAX_LENGTH + " characters");
    }
    boolean hasControl =
        trimmed
            .codePoints()
            .anyMatch(
                c ->
                    Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT && c != 0x200D
                        || Character.getType(c) == Character.SURROGATE
                        || Character.getType(c) == Character.UNASSIGNED);
    if (hasControl) {
      throw new IllegalArgumentException("name contains control, format or unassigned characters");
    }
    return trimmed;
  }
}
