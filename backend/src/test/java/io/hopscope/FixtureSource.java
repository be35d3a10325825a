package io.hopscope;

import io.hopscope.diagram.TopologyFixtures;
import io.hopscope.snapshot.SnapshotFixtures;
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

/**
 * The application's source replaced by a state built in the test; the test can publish new states
 * (with their change events, for SSE tests). Import one of the nested configurations; the bean is
 * primary, so it wins over the application's own source selection.
 */
public final class FixtureSource implements ClusterSource {

  /** A source over {@link TopologyFixtures#threeNodeFlannel()}. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class ThreeNodeFlannel {
    @Bean
    @Primary
    FixtureSource fixtureSource() {
      return new FixtureSource(TopologyFixtures.threeNodeFlannel());
    }
  }

  /** A source over {@link SnapshotFixtures#everyKindOfObject()}, so captures have known content. */
  @TestConfiguration(proxyBeanMethods = false)
  public static class EveryKindOfObject {
    @Bean
    @Primary
    FixtureSource fixtureSource() {
      return new FixtureSource(SnapshotFixtures.everyKindOfObject());
    }
  }

  private final AtomicReference<ClusterState> state;
  private final AtomicLong version = new AtomicLong();
  private final Sinks.Many<StateChange> changes = Sinks.many().multicast().directBestEffort();

  public FixtureSource(ClusterState initial) {
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

  public long lastVersion() {
    return version.get();
  }

  /** Publishes a new state and its change event. */
  public StateChange publish(ClusterState next, String what) {
    state.set(next);
    StateChange change = new StateChange(version.incrementAndGet(), Instant.now(), List.of(what));
    changes.tryEmitNext(change);
    return change;
  }
}
