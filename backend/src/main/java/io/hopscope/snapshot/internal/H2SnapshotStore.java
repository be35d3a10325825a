package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotId;
import io.hopscope.snapshot.SnapshotStore;
import io.hopscope.topology.ClusterState;
import io.r2dbc.spi.Readable;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The snapshot table over R2DBC. Every write is one auto-committed statement, so a completed {@code
 * Mono} means committed; with {@code WRITE_DELAY=0} H2 writes the commit to the file before the
 * statement returns (see {@link SnapshotDatabase}). The embedded driver runs JDBC on the
 * subscribing thread, so every call subscribes on the bounded elastic scheduler, never the event
 * loop.
 */
final class H2SnapshotStore implements SnapshotStore {

  private static final String COLUMNS =
      "id, name, created_at, origin, source_kind, source_name, source_context,"
          + " node_count, pod_count, service_count, policy_count, state_bytes, stored_bytes";

  private final DatabaseClient db;

  H2SnapshotStore(DatabaseClient db) {
    this.db = db;
  }

  @Override
  public Mono<Snapshot> insert(String name, Snapshot.Origin origin, ClusterState state) {
    // compressing a large state takes a while: never on the event loop
    return Mono.fromCallable(() -> StateJson.compress(state))
        .subscribeOn(Schedulers.boundedElastic())
        .flatMap(
            compressed -> {
              var source = state.source();
              Snapshot snapshot =
                  new Snapshot(
                      SnapshotId.random(),
                      name,
                      Instant.now().truncatedTo(ChronoUnit.MICROS),
                      origin,
                      new Snapshot.Source(source.kind(), source.name(), source.context()),
                      new Snapshot.Counts(
                          state.nodes().size(),
                          state.pods().size(),
                          state.services().size(),
                          state.networkPolicies().size()),
                      compressed.jsonBytes(),
                      compressed.gzip().length);
              return db.sql(
                      "INSERT INTO snapshot ("
                          + COLUMNS
                          + ", state) VALUES (:id, :name, :createdAt, :origin,"
                          + " :sourceKind, :sourceName, :sourceContext, :nodes, :pods, :services, :policies, :stateBytes,"
                          + " :storedBytes, :state)")
                  .bind("id", snapshot.id())
                  .bind("name", snapshot.name())
                  .bind("createdAt", OffsetDateTime.ofInstant(snapshot.createdAt(), ZoneOffset.UTC))
                  .bind("origin", origin.name())
                  .bind("sourceKind", truncate(snapshot.source().kind(), 64))
                  .bind("sourceName", truncate(snapshot.source().name(), 1024))
                  .bind("sourceContext", truncate(snapshot.source().context(), 1024))
                  .bind("nodes", snapshot.counts().nodes())
                  .bind("pods", snapshot.counts().pods())
                  .bind("services", snapshot.counts().services())
                  .bind("policies", snapshot.counts().networkPolicies())
                  .bind("stateBytes", snapshot.stateBytes())
                  .bind("storedBytes", snapshot.storedBytes())
                  .bind("state", compressed.gzip())
                  .fetch()
                  .rowsUpdated()
                  .thenReturn(snapshot);
            });
  }

  @Override
  public Mono<Snapshot> find(String id) {
    if (!SnapshotId.isWellFormed(id)) {
      return Mono.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM snapshot WHERE id = :id")
        .bind("id", id)
        .map(H2SnapshotStore::toSnapshot)
        .one()
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Mono<ClusterState> loadState(String id) {
    return loadCompressedState(id)
        .publishOn(Schedulers.boundedElastic())
        .map(StateJson::decompress);
  }

  @Override
  public Mono<byte[]> loadCompressedState(String id) {
    if (!SnapshotId.isWellFormed(id)) {
      return Mono.empty();
    }
    return db.sql("SELECT state FROM snapshot WHERE id = :id")
        .bind("id", id)
        .map(row -> toBytes(row.get("state", ByteBuffer.class)))
        .one()
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Mono<SnapshotPage> list(int page, int size) {
    Mono<Long> total = count();
    Mono<java.util.List<Snapshot>> items =
        db.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM snapshot ORDER BY created_at DESC, id LIMIT :size OFFSET :offset")
            .bind("size", size)
            .bind("offset", (long) page * size)
            .map(H2SnapshotStore::toSnapshot)
            .all()
            .collectList();
    // one query after the other: a page never holds two pooled connections at once
    return items
        .flatMap(list -> total.map(count -> new SnapshotPage(list, count, page, size)))
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Mono<Boolean> delete(String id) {
    if (!SnapshotId.isWellFormed(id)) {
      return Mono.just(false);
    }
    return db.sql("DELETE FROM snapshot WHERE id = :id")
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0)
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM snapshot")
        .map(row -> row.get("n", Long.class))
        .one()
        .subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public Flux<String> prune(int keep, Instant olderThan, Snapshot.Origin origin) {
    String ofOrigin = origin == null ? "TRUE" : "origin = :origin";
    Flux<String> beyondCount =
        keep <= 0
            ? Flux.empty()
            : bindOrigin(
                    db.sql(
                            "SELECT id FROM snapshot WHERE "
                                + ofOrigin
                                + " ORDER BY created_at DESC, id OFFSET :keep ROWS")
                        .bind("keep", keep),
                    origin)
                .map(row -> row.get("id", String.class))
                .all();
    Flux<String> tooOld =
        olderThan == null
            ? Flux.empty()
            : bindOrigin(
                    db.sql(
                            "SELECT id FROM snapshot WHERE "
                                + ofOrigin
                                + " AND created_at < :cutoff")
                        .bind("cutoff", OffsetDateTime.ofInstant(olderThan, ZoneOffset.UTC)),
                    origin)
                .map(row -> row.get("id", String.class))
                .all();
    return Flux.concat(beyondCount, tooOld)
        .distinct()
        .collectList()
        .flatMapMany(Flux::fromIterable)
        .concatMap(id -> delete(id).filter(Boolean::booleanValue).map(deleted -> id))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static DatabaseClient.GenericExecuteSpec bindOrigin(
      DatabaseClient.GenericExecuteSpec sql, Snapshot.Origin origin) {
    return origin == null ? sql : sql.bind("origin", origin.name());
  }

  private static Snapshot toSnapshot(Readable row) {
    return new Snapshot(
        row.get("id", String.class),
        row.get("name", String.class),
        row.get("created_at", OffsetDateTime.class).toInstant(),
        Snapshot.Origin.valueOf(row.get("origin", String.class).toUpperCase(Locale.ROOT)),
        new Snapshot.Source(
            row.get("source_kind", String.class),
            row.get("source_name", String.class),
            row.get("source_context", String.class)),
        new Snapshot.Counts(
            row.get("node_count", Integer.class),
            row.get("pod_count", Integer.class),
            row.get("service_count", Integer.class),
            row.get("policy_count", Integer.class)),
        row.get("state_bytes", Long.class),
        row.get("stored_bytes", Long.class));
  }

  private static byte[] toBytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
