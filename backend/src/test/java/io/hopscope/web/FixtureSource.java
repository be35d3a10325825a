package io.hopscope.web;

import io.hopscope.diagram.TopologyFixtures;
import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.source.StateChange;
import io.hopscope.topology.ClusterState;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/** A ClusterSource over states built in the test, which can publish new states (for SSE tests). */
final class FixtureSource implements ClusterSource {

  /**
   * Replaces the application's source with one over {@link TopologyFixtures#threeNodeFlannel()}.
   */
  @TestConfiguration
  static class ThreeNodeFlannel {
    @Bean
    @Primary
    FixtureSource fixtureSource() {
      return new FixtureSource(TopologyFixtures.threeNodeFlannel());
    }
  }

  private final AtomicReference<ClusterState> state;
  private final AtomicLong version = new AtomicLong();
  private final Sinks.Many<StateChange> changes = Sinks.many().multicast().directBestEffort();

  FixtureSource(ClusterState initial) {
    state = new AtomicReference<>(initial);
  }

  @Override
  public ClusterState current() {
    return state.get();
  }

  @Override
  public SourceStatus status() {
    ClusterState s = state.get();
    return new SourceStatus(
        s.source().kind(),
        s.source().name(),
        s.source().context(),
        "UP",
        List.of("a fixture built by the test"));
  }

  @Override
  public Flux<StateChange> changes() {
    return changes.asFlux();
  }

  long lastVersion() {
    return version.get();
  }

  /** Publishes a new state and its change event. */
  StateChange publish(ClusterState next, String what) {
    state.set(next);
    StateChange change = new StateChange(version.incrementAndGet(), Instant.now(), List.of(what));
    changes.tryEmitNext(change);
    return change;
  }
}
