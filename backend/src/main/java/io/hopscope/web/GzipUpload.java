package io.hopscope.web;

import io.hopscope.snapshot.SnapshotImporter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.springframework.http.MediaType;

/**
 * A gzip-compressed import ({@code application/gzip}, e.g. an export downloaded with {@code
 * ?compress=gzip}): unzipped with a limit on what it unzips to, so a small upload cannot become
 * gigabytes (a zip bomb); then JSON or YAML by its first character.
 */
final class GzipUpload {

  private GzipUpload() {}

  static boolean is(MediaType type) {
    return type != null
        && "application".equalsIgnoreCase(type.getType())
        && ("gzip".equalsIgnoreCase(type.getSubtype())
            || "x-gzip".equalsIgnoreCase(type.getSubtype()));
  }

  /**
   * The unzipped bytes.
   *
   * @throws ApiException 413 when they would exceed {@code limit}, 400 when the body is not gzip
   */
  static byte[] unzip(byte[] body, long limit) {
    var out = new ByteArrayOutputStream(Math.max(1024, body.length * 8));
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body), chunk.length)) {
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        if (out.size() + (long) n > limit) {
          throw ApiException.payloadTooLarge(
              "the gzip upload unzips to more than "
                  + limit
                  + " bytes (hopscope.snapshots.max-unzipped)");
        }
        out.write(chunk, 0, n);
      }
    } catch (IOException e) {
      throw ApiException.badParameter("body", "the upload is not valid gzip: " + e.getMessage());
    }
    return out.toByteArray();
  }

  /** JSON when the first non-blank character opens an object or an array, YAML otherwise. */
  static SnapshotImporter.Format formatOf(byte[] text) {
    for (byte b : text) {
      if (b == '{' || b == '[') {
        return SnapshotImporter.Format.JSON;
      }
      if (b != ' '
          && b != '\t'
          && b != '\r'
          && b != '\n'
          && b != (byte) 0xEF
          && b != (byte) 0xBB
          && b != (byte) 0xBF) {
        return SnapshotImporter.Format.YAML;
      }
    }
    return SnapshotImporter.Format.YAML;
  }
}
