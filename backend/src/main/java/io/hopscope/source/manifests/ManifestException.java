package io.hopscope.source.manifests;

/**
 * Input that cannot be imported: a syntax error, an invalid Kubernetes name or a limit exceeded.
 * The message names the file, line and column (1-based; 0 when unknown).
 */
public class ManifestException extends RuntimeException {

  private final String origin;
  private final int line;
  private final int column;
  private final String problem;

  public ManifestException(String origin, int line, int column, String problem) {
    this(origin, line, column, problem, null);
  }

  public ManifestException(String origin, int line, int column, String problem, Throwable cause) {
    super(describe(origin, line, column, problem), cause);
    this.origin = origin;
    this.line = line;
    this.column = column;
    this.problem = problem;
  }

  /** What is wrong, without the {@code origin:line:column: } prefix of the message. */
  public String problem() {
    return problem;
  }

  /** The file (or upload name) the problem is in. */
  public String origin() {
    return origin;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  private static String describe(String origin, int line, int column, String problem) {
    if (line <= 0) {
      return origin + ": " + problem;
    }
    return origin + ":" + line + ":" + column + ": " + problem;
  }
}
