package io.hopscope.snapshot;

/**
 * An upload that cannot be imported. The message names the upload and, where known, the line and
 * column (1-based; 0 when unknown).
 */
public class SnapshotImportException extends RuntimeException {

  private final int line;
  private final int column;

  public SnapshotImportException(
      String origin, int line, int column, String problem, Throwable cause) {
    super(
        line > 0 ? origin + ":" + line + ":" + column + ": " + problem : origin + ": " + problem,
        cause);
    this.line = line;
    this.column = column;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
