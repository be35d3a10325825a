package io.hopscope.trace;

/**
 * A trace request that cannot be answered: a malformed parameter, or a pod, container or Service
 * that the state does not have. {@code parameter} names the request parameter at fault.
 */
public final class TraceException extends RuntimeException {

  /** Whether the parameter is malformed or names something unknown. */
  public enum Kind {
    INVALID,
    NOT_FOUND
  }

  private final String parameter;
  private final Kind kind;

  private TraceException(String parameter, Kind kind, String message) {
    super(message);
    this.parameter = parameter;
    this.kind = kind;
  }

  public static TraceException invalid(String parameter, String message) {
    return new TraceException(parameter, Kind.INVALID, message);
  }

  public static TraceException notFound(String parameter, String message) {
    return new TraceException(parameter, Kind.NOT_FOUND, message);
  }

  public String parameter() {
    return parameter;
  }

  public Kind kind() {
    return kind;
  }
}
