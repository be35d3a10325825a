package io.hopscope.snapshot;

/**
 * An upload that grows past a limit while it is read (a gzip upload that unzips to more than it
 * may): thrown as the bytes arrive, before they are all held, and answered 413.
 */
public class UploadTooLargeException extends RuntimeException {

  public UploadTooLargeException(String message) {
    super(message);
  }
}
