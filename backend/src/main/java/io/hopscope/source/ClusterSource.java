package io.hopscope.source;

import io.hopscope.topology.ClusterState;
import reactor.core.publisher.Flux;

/** A provider of the current {@link ClusterState}. Implementations build a new value on change. */
public interface ClusterSource {

  /** The latest state; never null. */
  ClusterState current();

  /** What the dashboard says about this source (kind, name, context, health). */
  SourceStatus status();

  /**
   * New states as they are published; static sources never emit. Hot: late subscribers see only
   * later changes.
   */
  default Flux<StateChange> changes() {
    return Flux.never();
  }
}
