package io.hopscope.snapshot;

import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.ClusterState;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the application does with snapshots: capture the live state, import, read, delete and prune
 * by the retention settings. Also serves decoded states to queries ({@link #load}) from a small LRU
 * cache, so repeated queries do not re-parse.
 */
@Component
public class Snapshots {

  private static final int TOMBSTONES = 1000;
  private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
  private static final DateTimeFormatter DEFAULT_NAME =
      DateTimeFormatter.ofPattern("'Snapshot' yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private final SnapshotStore store;
  private final ClusterSource source;
  private final SnapshotProperties properties;
  private final Clock clock;
  private final Map<String, ClusterState> decoded;
  private final Set<String> tombstones =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > TOMBSTONES;
            }
          });

  Snapshots(SnapshotStore store, ClusterSource source, SnapshotProperties properties) {
    this.store = store;
    this.source = source;
    this.properties = properties;
    this.clock = Clock.systemUTC();
    int capacity = properties.cachedStates();
    this.decoded =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ClusterState> eldest) {
            return size() > capacity;
          }
        };
  }

  /**
   * Stores the live state under {@code name} (validated; a default when blank), then prunes.
   *
   * @throws IllegalArgumentException (in the Mono) when the name is not acceptable
   */
  public Mono<Snapshot> capture(String name, Snapshot.Origin origin) {
    return Mono.fromCallable(() -> SnapshotName.validate(name, defaultName()))
        .flatMap(valid -> store.insert(valid, origin, source.current()))
        .flatMap(snapshot -> prune().thenReturn(snapshot));
  }

  /** Stores an imported state, then prunes. */
  public Mono<Snapshot> store(String name, ClusterState state) {
    return Mono.fromCallable(() -> SnapshotName.validate(name, defaultName()))
        .flatMap(valid -> store.insert(valid, Snapshot.Origin.IMPORT, state))
        .flatMap(snapshot -> prune().thenReturn(snapshot));
  }

  public Mono<Snapshot> find(String id) {
    return store.find(id);
  }

  public Mono<SnapshotStore.SnapshotPage> list(int page, int size) {
    return store.list(page, size);
  }

  public Mono<Long> count() {
    return store.count();
  }

  public Mono<Boolean> delete(String id) {
    return store
        .delete(id)
        .doOnNext(
            deleted -> {
              if (deleted) {
                forget(id);
              }
            });
  }

  /**
   * Whether this process deleted the snapshot (by hand or by retention): its links can then say so
   * rather than "not found". Remembered in memory for the last {@value #TOMBSTONES} deletions.
   */
  public boolean wasDeleted(String id) {
    synchronized (tombstones) {
      return tombstones.contains(id);
    }
  }

  /**
   * The export file of a snapshot, or empty: streamed from the stored form, so neither the state
   * nor the whole file is built in memory (a 100,000-pod export is about 90 MiB of JSON).
   */
  public Mono<InputStream> export(String id) {
    // one query after the other: an export never holds two pooled connections at once
    return store
        .find(id)
        .flatMap(
            snapshot ->
                store
                    .loadCompressedState(id)
                    .map(stored -> StateJson.exportStream(snapshot, stored)));
  }

  /** The snapshot's state, or an empty Mono when no snapshot has that id. */
  public Mono<ClusterState> load(String snapshotId) {
    ClusterState cached;
    synchronized (decoded) {
      cached = decoded.get(snapshotId);
    }
    if (cached != null) {
      return Mono.just(cached);
    }
    return store
        .loadState(snapshotId)
        .doOnNext(
            state -> {
              synchronized (decoded) {
                decoded.put(snapshotId, state);
              }
            });
  }

  /**
   * Applies {@code keep} and {@code max-age} to the snapshots retention applies to (by default the
   * scheduled captures only); emits how many snapshots were deleted.
   */
  public Mono<Long> prune() {
    if (properties.keep() <= 0 && properties.maxAge() == null) {
      return Mono.just(0L);
    }
    Instant cutoff =
        properties.maxAge() == null ? null : clock.instant().minus(properties.maxAge());
    Snapshot.Origin only =
        properties.retentionAppliesTo() == SnapshotProperties.RetentionScope.ALL
            ? null
            : Snapshot.Origin.SCHEDULE;
    return store
        .prune(properties.keep(), cutoff, only)
        .doOnNext(this::forget)
        .count()
        .doOnNext(
            n -> {
              if (n > 0) {
                log.info("Retention deleted {} snapshot(s)", n);
              }
            });
  }

  private void forget(String id) {
    synchronized (decoded) {
      decoded.remove(id);
    }
    synchronized (tombstones) {
      tombstones.add(id);
    }
  }

  private String defaultName() {
    return DEFAULT_NAME.format(clock.instant());
  }
}
