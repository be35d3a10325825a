package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.SnapshotExport;
import io.hopscope.topology.ClusterState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * round-trip exactly, map keys are sorted so equal states give equal bytes, and reading is
 * bounded (nesting depth, string length) because exports come from users.
 */
public final class StateJson {

  /** Deepest nesting accepted; a state needs about 12 levels, manifests a few dozen. */
  public static final int MAX_NESTING_DEPTH = 100;
  /** Longest string accepted; Kubernetes caps all annotations of an object at 256 KiB. */
  public static final int MAX_STRING_LENGTH = 1 << 20;

  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
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
