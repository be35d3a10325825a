/**
 * Stored, shareable, diffable cluster states: capture, import/export, retention and {@link
 * io.hopscope.snapshot.SnapshotDiff}. Storage details live in {@code internal}.
 */
package io.hopscope.snapshot;
