package io.hopscope.snapshot;

import io.hopscope.topology.ClusterState;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Durable storage of snapshots. A {@code Mono} that completes means the change is committed: it
 * survives a crash of the process.
 */
public interface SnapshotStore {

  /** Stores a new snapshot of {@code state} under a fresh random id. */
  Mono<Snapshot> insert(String name, Snapshot.Origin origin, ClusterState state);

  /** The snapshot's metadata, or empty. */
  Mono<Snapshot> find(String id);

  /** The snapshot's state, decoded, or empty. */
  Mono<ClusterState> loadState(String id);

  /** The stored form of a snapshot's state (gzip of its JSON), or empty. */
  Mono<byte[]> loadCompressedState(String id);

  /** One page of snapshots, newest first ({@code page} counts from 0). */
  Mono<SnapshotPage> list(int page, int size);

  /** Whether a snapshot was deleted. */
  Mono<Boolean> delete(String id);

  Mono<Long> count();

  /**
   * Among the snapshots of {@code origin} (null: all), deletes all but the {@code keep} newest (0:
   * no count limit) and all created before {@code olderThan} (null: no age limit); emits the
   * deleted ids.
   */
  Flux<String> prune(int keep, Instant olderThan, Snapshot.Origin origin);

  /** A page of the list. */
  record SnapshotPage(List<Snapshot> items, long total, int page, int size) {
    public SnapshotPage {
      items = List.copyOf(items);
    }
  }
}
