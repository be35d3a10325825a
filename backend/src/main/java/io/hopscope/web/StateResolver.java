package io.hopscope.web;

import io.hopscope.snapshot.Snapshots;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.ClusterState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The state a query runs against: the live source's, or a stored snapshot's. Every query endpoint
 * goes through here, so live and snapshot queries share one implementation.
 */
@Component
public class StateResolver {

  private final ClusterSource source;
  private final ObjectProvider<Snapshots> snapshots;

  StateResolver(ClusterSource source, ObjectProvider<Snapshots> snapshots) {
    this.source = source;
    this.snapshots = snapshots;
  }

  /**
   * The live state when {@code snapshotId} is null or blank, else that snapshot's (404 when
   * unknown).
   */
  public Mono<ClusterState> resolve(String snapshotId) {
    if (snapshotId == null || snapshotId.isBlank()) {
      return Mono.fromSupplier(source::current);
    }
    Snapshots store = snapshots.getIfAvailable();
    if (store == null) {
      return Mono.error(ApiException.notFound("snapshots are not available"));
    }
    return store
        .load(snapshotId)
        .switchIfEmpty(
            Mono.error(ApiException.notFound("no snapshot with id '" + snapshotId + "'")));
  }
}
