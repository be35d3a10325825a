package io.hopscope.topology;

/** The one parser of port numbers as users type them (1-65535). */
public final class PortNumber {

  public static final int MIN = 1;
  public static final int MAX = 65535;

  private PortNumber() {}

  /**
   * Parses a port number.
   *
   * @throws IllegalArgumentException with a message fit for a user when the text is not a number
   *     between 1 and 65535
   */
  public static int parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    try {
      int port = Integer.parseInt(trimmed);
      if (port >= MIN && port <= MAX) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, like an out-of-range number
    }
    throw new IllegalArgumentException(
        "port must be a number between 1 and 65535, was '" + trimmed + "'");
  }
}
