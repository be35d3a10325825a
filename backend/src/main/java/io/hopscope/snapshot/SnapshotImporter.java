package io.hopscope.snapshot;

import io.hopscope.snapshot.internal.StateFormat;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
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
