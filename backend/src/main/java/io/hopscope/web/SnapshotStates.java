package io.hopscope.web;

import io.hopscope.topology.ClusterState;
import reactor.core.publisher.Mono;

/** Loads the state stored in a snapshot; implemented by the snapshot feature. */
public interface SnapshotStates {

  /** The snapshot's state, or an empty Mono when no snapshot has that id. */
  Mono<ClusterState> load(String snapshotId);
}
