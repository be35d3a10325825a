package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotExport;
import io.hopscope.topology.ClusterState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of stored states and exports (Jackson 3): records and sealed interfaces
 * round-trip exactly, map keys are sorted so equal states give equal bytes, and reading is bounded
 * (nesting depth, string length) because exports come from users.
 */
public final class StateJson {

  /** Deepest nesting accepted; a state needs about 12 levels, manifests a few dozen. */
  public static final int MAX_NESTING_DEPTH = 100;

  /** Longest string accepted; Kubernetes caps all annotations of an object at 256 KiB. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  private static final JsonMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_NESTING_DEPTH)
                          .maxStringLength(MAX_STRING_LENGTH)
                          .maxNameLength(64 * 1024)
                          .build())
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private StateJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static byte[] toJson(Object value) {
    return MAPPER.writeValueAsBytes(value);
  }

  /** Gzip of the state's JSON, streamed (no intermediate uncompressed array). */
  public static Compressed compress(ClusterState state) {
    var bytes = new ByteArrayOutputStream(64 * 1024);
    var counting = new CountingOutputStream();
    try (var gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
      MAPPER.writeValue(new TeeOutputStream(gzip, counting), state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Compressed(bytes.toByteArray(), counting.count);
  }

  public static ClusterState decompress(byte[] gzipped) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      return MAPPER.readValue(in, ClusterState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The export file of a stored snapshot as a stream: the export's fields, then the stored state
   * JSON as it comes out of gzip, then the closing brace. The same bytes as {@code toJson} of the
   * {@link SnapshotExport}, without building the state or the whole file in memory.
   */
  public static InputStream exportStream(Snapshot snapshot, byte[] gzippedState) {
    byte[] withoutState = toJson(SnapshotExport.of(snapshot, null));
    int open = withoutState.length - NULL_STATE_END.length;
    if (open < 0
        || !Arrays.equals(
            withoutState, open, withoutState.length, NULL_STATE_END, 0, NULL_STATE_END.length)) {
      throw new IllegalStateException("the export's state is no longer its last property");
    }
    InputStream state;
    try {
      state = new GZIPInputStream(new ByteArrayInputStream(gzippedState), 64 * 1024);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                new ByteArrayInputStream(withoutState, 0, open + STATE_NAME_LENGTH),
                state,
                new ByteArrayInputStream(new byte[] {'}'}))));
  }

  private static final byte[] NULL_STATE_END =
      "\"state\":null}".getBytes(StandardCharsets.US_ASCII);
  private static final int STATE_NAME_LENGTH = "\"state\":".length();

  public static JsonNode readTree(String json) {
    return MAPPER.readTree(json);
  }

  public static SnapshotExport readExport(JsonNode tree) {
    return MAPPER.treeToValue(tree, SnapshotExport.class);
  }

  /**
   * A compressed state.
   *
   * @param gzip the stored bytes
   * @param jsonBytes size of the uncompressed JSON
   */
  public record Compressed(byte[] gzip, long jsonBytes) {}

  private static final class CountingOutputStream extends java.io.OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  /** Writes to a primary stream and a second one (the counter); closing closes the primary. */
  private static final class TeeOutputStream extends java.io.FilterOutputStream {
    private final java.io.OutputStream second;

    TeeOutputStream(java.io.OutputStream primary, java.io.OutputStream second) {
      super(primary);
      this.second = second;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      second.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      second.write(b, off, len);
    }
  }
}
