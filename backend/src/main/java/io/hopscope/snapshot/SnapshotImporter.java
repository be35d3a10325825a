package io.hopscope.snapshot;

import io.hopscope.snapshot.internal.StateFormat;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.topology.ClusterState;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an upload into a state: a Hopscope export (recognised by its {@code format} marker) is
 * taken back exactly; anything else is read as Kubernetes manifests (YAML or JSON). Blocking and
 * CPU-bound: call it off the event loop.
 */
@Component
public class SnapshotImporter {

  /** What the upload was. */
  public enum Format {
    JSON,
    YAML
  }

  private final ManifestImport manifests;

  SnapshotImporter(ManifestImport manifests) {
    this.manifests = manifests;
  }

  /**
   * A state read from an upload.
   *
   * @param name the name the upload carries (an export's), or null
   * @param warnings documents skipped or fixed up
   */
  public record Imported(ClusterState state, String name, List<String> warnings) {
    public Imported {
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Reads an upload.
   *
   * @param origin names the upload in messages
   * @throws SnapshotImportException with the line and column where known
   */
  public Imported read(String origin, Format format, byte[] body) {
    if (format == Format.JSON && startsAsExport(body)) {
      return readExportBytes(origin, body);
    }
    String text = utf8(origin, body);
    if (text.isBlank()) {
      throw new SnapshotImportException(origin, 0, 0, "the upload is empty", null);
    }
    if (format == Format.JSON) {
      JsonNode tree = parseJson(origin, text);
      if (tree.isObject() && tree.has("format")) {
        return readExport(origin, tree);
      }
    }
    return manifests.read(origin, text);
  }

  /**
   * Reads an upload from a stream (a gzip upload as it unzips). An export as Hopscope writes it is
   * read straight into records as the bytes arrive; anything else is read whole as text, at most
   * {@link ManifestParser#MAX_FILE_BYTES} (the manifests source's limit for one file), then as
   * {@link #read(String, Format, byte[])} does.
   *
   * @throws SnapshotImportException when the upload is not valid or the stream breaks off
   * @throws UploadTooLargeException when the text is longer than that, or the stream's own limit is
   *     reached
   */
  public Imported read(String origin, InputStream in) {
    try (BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024)) {
      buffered.mark(EXPORT_START.length);
      byte[] start = buffered.readNBytes(EXPORT_START.length);
      buffered.reset();
      if (Arrays.equals(start, EXPORT_START)) {
        return readExportStream(origin, buffered);
      }
      byte[] text = readText(origin, buffered, ManifestParser.MAX_FILE_BYTES);
      return read(origin, formatOf(text), text);
    } catch (IOException e) {
      throw new SnapshotImportException(origin, 0, 0, e.getMessage(), e);
    }
  }

  private static Imported readExportStream(String origin, InputStream in) {
    SnapshotExport export;
    try {
      export = StateJson.mapper().readValue(in, SnapshotExport.class);
    } catch (JacksonIOException e) {
      throw new SnapshotImportException(origin, 0, 0, e.getCause().getMessage(), e);
    } catch (JacksonException e) {
      throw located(origin, "not a valid Hopscope export: ", e);
    } catch (UploadTooLargeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SnapshotImportException(
          origin, 0, 0, "not a valid Hopscope export: a required part is missing", e);
    }
    // the marker it starts with names the current format version
    return checked(origin, export);
  }

  /** The rest of the stream, refused as soon as it is longer than {@code limit}. */
  private static byte[] readText(String origin, InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    byte[] chunk = new byte[64 * 1024];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      if (out.size() + (long) n > limit) {
        throw new UploadTooLargeException(
            origin
                + " is more than "
                + limit
                + " bytes of text; only a Hopscope export (starting {\"format\":\""
                + SnapshotExport.FORMAT
                + "\") may be longer");
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** JSON when the first non-blank character opens an object or an array, YAML otherwise. */
  private static Format formatOf(byte[] text) {
    for (byte b : text) {
      if (b == '{' || b == '[') {
        return Format.JSON;
      }
      boolean blank =
          b == ' '
              || b == '\t'
              || b == '\r'
              || b == '\n'
              || b == (byte) 0xEF
              || b == (byte) 0xBB
              || b == (byte) 0xBF;
      if (!blank) {
        return Format.YAML;
      }
    }
    return Format.YAML;
  }

  /**
   * An export as Hopscope writes it (its marker first) is read straight into records: a 100,000-pod
   * export is about 90 MiB, too much to hold as text and as a tree besides.
   */
  private static Imported readExportBytes(String origin, byte[] body) {
    SnapshotExport export;
    try {
      export = StateJson.mapper().readValue(body, SnapshotExport.class);
    } catch (JacksonException e) {
      throw located(origin, "not a valid Hopscope export: ", e);
    } catch (RuntimeException e) {
      throw new SnapshotImportException(
          origin, 0, 0, "not a valid Hopscope export: a required part is missing", e);
    }
    return checked(origin, export);
  }

  /** How an export of the current version starts; older ones take the upgrading path. */
  private static final byte[] EXPORT_START =
      ("{\"format\":\""
              + SnapshotExport.FORMAT
              + "\",\"formatVersion\":"
              + SnapshotExport.VERSION
              + ",")
          .getBytes(StandardCharsets.US_ASCII);

  private static boolean startsAsExport(byte[] body) {
    return body.length >= EXPORT_START.length
        && java.util.Arrays.equals(
            body, 0, EXPORT_START.length, EXPORT_START, 0, EXPORT_START.length);
  }

  private static Imported readExport(String origin, JsonNode tree) {
    String marker = tree.get("format").asString("");
    if (!SnapshotExport.FORMAT.equals(marker)) {
      throw new SnapshotImportException(
          origin,
          0,
          0,
          "unknown format '"
              + abbreviate(marker)
              + "'; expected '"
              + SnapshotExport.FORMAT
              + "' or Kubernetes manifests",
          null);
    }
    // format 1 named it "version"
    int version =
        tree.has("formatVersion")
            ? tree.path("formatVersion").asInt(0)
            : tree.path("version").asInt(0);
    if (version < 1 || version > SnapshotExport.VERSION) {
      throw new SnapshotImportException(
          origin,
          0,
          0,
          "unsupported export format version "
              + version
              + "; this Hopscope reads versions 1 to "
              + SnapshotExport.VERSION,
          null);
    }
    SnapshotExport export;
    try {
      StateFormat.upgrade(tree.path("state"), version);
      ((tools.jackson.databind.node.ObjectNode) tree).put("formatVersion", SnapshotExport.VERSION);
      export = StateJson.readExport(tree);
    } catch (JacksonException e) {
      throw new SnapshotImportException(
          origin, 0, 0, "not a valid Hopscope export: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      // record constructors refuse missing parts (e.g. List.copyOf(null))
      throw new SnapshotImportException(
          origin, 0, 0, "not a valid Hopscope export: a required part is missing", e);
    }
    return checked(origin, export);
  }

  private static Imported checked(String origin, SnapshotExport export) {
    if (export.state() == null
        || export.state().source() == null
        || export.state().network() == null) {
      throw new SnapshotImportException(
          origin, 0, 0, "not a valid Hopscope export: it has no state", null);
    }
    return new Imported(export.state(), export.name(), List.of());
  }

  private static JsonNode parseJson(String origin, String text) {
    try {
      return StateJson.readTree(text);
    } catch (JacksonException e) {
      throw located(origin, "invalid JSON: ", e);
    }
  }

  /** The parser's error, with the line and column where it stopped. */
  private static SnapshotImportException located(String origin, String what, JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    int line = at == null ? 0 : Math.max(0, at.getLineNr());
    int column = at == null ? 0 : Math.max(0, at.getColumnNr());
    return new SnapshotImportException(origin, line, column, what + e.getOriginalMessage(), e);
  }

  private static String utf8(String origin, byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new SnapshotImportException(origin, 0, 0, "the upload is not UTF-8 text", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
