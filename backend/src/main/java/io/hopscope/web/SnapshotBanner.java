package io.hopscope.web;

import io.hopscope.snapshot.Snapshot;

/**
 * Which snapshot a page shows, so the trace and policies pages of a snapshot can name it and link
 * back to it.
 *
 * @param id the snapshot's id
 * @param name its name
 * @param takenAt when it was stored, in the pages' time format
 * @param href its page
 */
public record SnapshotBanner(String id, String name, String takenAt, String href) {

  static SnapshotBanner of(Snapshot snapshot) {
    return new SnapshotBanner(
        snapshot.id(),
        snapshot.name(),
        PageText.utc(snapshot.createdAt()),
        "/snapshots/" + snapshot.id());
  }
}
