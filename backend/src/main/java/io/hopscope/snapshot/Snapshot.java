package io.hopscope.snapshot;

import java.time.Instant;

/**
 * What the list shows about a stored snapshot, without its state.
 *
 * @param id the random, URL-safe id (a capability: whoever has it can read the snapshot)
 * @param name what the user called it (free text, stored as given)
 * @param createdAt when it was stored
 * @param origin how it was made: capture, schedule or import
 * @param source where its state came from
 * @param counts object counts of its state
 * @param stateBytes size of the uncompressed JSON
 * @param storedBytes size as stored (compressed)
 */
public record Snapshot(
    String id,
    String name,
    Instant createdAt,
    Origin origin,
    Source source,
    Counts counts,
    long stateBytes,
    long storedBytes) {

  /** How a snapshot came to be. */
  public enum Origin {
    CAPTURE,
    SCHEDULE,
    IMPORT
  }

  /** The source of the state: demo, manifests, kubernetes, import ... */
  public record Source(String kind, String name, String context) {}

  /**
   * How many nodes, pods, Services and NetworkPolicies the state holds; named as in the {@code
   * counts} of {@code GET /api/v1/topology}.
   */
  public record Counts(int nodes, int pods, int services, int networkPolicies) {}
}
