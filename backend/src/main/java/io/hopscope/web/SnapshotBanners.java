package io.hopscope.web;

import io.hopscope.snapshot.Snapshots;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Finds the {@link SnapshotBanner} of the snapshot a page query names, if it names one. */
@Component
class SnapshotBanners {

  private final Snapshots snapshots;

  SnapshotBanners(Snapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** Empty for the live cluster (no id) and for an id no snapshot has. */
  Mono<Optional<SnapshotBanner>> of(String snapshotId) {
    if (snapshotId == null || snapshotId.isBlank()) {
      return Mono.just(Optional.empty());
    }
    return snapshots
        .find(snapshotId.trim())
        .map(snapshot -> Optional.of(SnapshotBanner.of(snapshot)))
        .defaultIfEmpty(Optional.empty());
  }
}
