package io.hopscope.snapshot;

import io.hopscope.snapshot.internal.StateFormat;
import io.hopscope.topology.ClusterState;
import java.time.Instant;

/**
 * The file {@code GET /api/v1/snapshots/{id}/export} writes and import recognises by its {@link
 * #FORMAT} marker: the snapshot's name and time and its state, exactly as stored. {@code
 * formatVersion} says how the state is spelled; older versions are upgraded on import (version 1
 * files carry {@code "version": 1} instead).
 */
public record SnapshotExport(
    String format, int formatVersion, String name, Instant createdAt, ClusterState state) {

  /** The marker of a Hopscope export, the first property of the file. */
  public static final String FORMAT = "hopscope-snapshot";

  /** The format version this Hopscope writes. */
  public static final int VERSION = StateFormat.CURRENT;

  public static SnapshotExport of(Snapshot snapshot, ClusterState state) {
    return new SnapshotExport(FORMAT, VERSION, snapshot.name(), snapshot.createdAt(), state);
  }
}
