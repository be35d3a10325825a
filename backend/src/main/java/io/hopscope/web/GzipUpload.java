package io.hopscope.web;

import io.hopscope.snapshot.UploadTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.springframework.http.MediaType;

/**
 * A gzip-compressed import ({@code application/gzip}, e.g. an export downloaded with {@code
 * ?compress=gzip}), unzipped as the importer reads it: never held unzipped as a whole, and refused
 * as soon as it has unzipped to more than its limit, so a small upload cannot become gigabytes in
 * memory (a zip bomb).
 */
final class GzipUpload {

  private static final int BUFFER = 64 * 1024;

  private GzipUpload() {}

  static boolean is(MediaType type) {
    return type != null
        && "application".equalsIgnoreCase(type.getType())
        && ("gzip".equalsIgnoreCase(type.getSubtype())
            || "x-gzip".equalsIgnoreCase(type.getSubtype()));
  }

  /**
   * The unzipped content as a stream. Reading past {@code limit} bytes throws {@link
   * UploadTooLargeException}; a corrupt or truncated body fails the read with an {@link
   * IOException} that says it is not valid gzip.
   *
   * @throws ApiException 400 when the body does not even start as gzip
   */
  static InputStream open(byte[] body, long limit) {
    try {
      return new Limited(new GZIPInputStream(new ByteArrayInputStream(body), BUFFER), limit);
    } catch (IOException e) {
      throw ApiException.badParameter("body", "the upload is not valid gzip: " + e.getMessage());
    }
  }

  /** Counts the unzipped bytes and stops at the limit, whoever reads and however. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long count;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = unzipped(() -> super.read());
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = unzipped(() -> super.read(buffer, offset, length));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = unzipped(() -> (int) super.skip(Math.min(n, BUFFER)));
      counted(skipped);
      return skipped;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void counted(long n) {
      count += n;
      if (count > limit) {
        throw new UploadTooLargeException(
            "the gzip upload unzips to more than "
                + limit
                + " bytes (hopscope.snapshots.max-unzipped)");
      }
    }

    private interface Read {
      int run() throws IOException;
    }

    private static int unzipped(Read read) throws IOException {
      try {
        return read.run();
      } catch (IOException e) {
        throw new IOException("the upload is not valid gzip: " + e.getMessage(), e);
      }
    }
  }
}
