package io.hopscope.snapshot;

import io.hopscope.topology.ClusterState;
import java.time.Instant;

/**
 * The file {@code GET /api/v1/snapshots/{id}/export} writes and import recognises by its {@link
 * #FORMAT} marker: the snapshot's name and time and its state, exactly as stored.
 */
public record SnapshotExport(
    String format, int version, String name, Instant createdAt, ClusterState state) {

  /** The marker of a Hopscope export, the first property of the file. */
  public static final String FORMAT = "hopscope-snapshot";

  public static final int VERSION = 1;

  public static SnapshotExport of(Snapshot snapshot, ClusterState state) {
    return new SnapshotExport(FORMAT, VERSION, snapshot.name(), snapshot.createdAt(), state);
  }
}
