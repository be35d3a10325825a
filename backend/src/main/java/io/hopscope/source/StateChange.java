package io.hopscope.source;

import java.time.Instant;
import java.util.List;

/**
 * A new state was published by a source.
 *
 * @param version increases with every new state
 * @param at when the new state was built
 * @param changes what changed, one short line each (e.g. "pod shop/web-1 added")
 */
public record StateChange(long version, Instant at, List<String> changes) {

  public StateChange {
    changes = List.copyOf(changes);
  }
}
