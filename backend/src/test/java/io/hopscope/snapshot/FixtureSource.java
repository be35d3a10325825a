package io.hopscope.snapshot;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A live source whose state the test sets, so captures have known content. Primary, so it wins over
 * the application's own source selection.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixtureSource {

  /** The state the next capture sees. */
  public static final AtomicReference<ClusterState> STATE =
      new AtomicReference<>(SnapshotFixtures.everyKindOfObject());

  @Bean
  @Primary
  ClusterSource fixtureClusterSource() {
    return new ClusterSource() {
      @Override
      public ClusterState current() {
        return STATE.get();
      }

      @Override
      public SourceStatus status() {
        ClusterState state = STATE.get();
        return new SourceStatus(
            state.source().kind(),
            state.source().name(),
            state.source().context(),
            "UP",
            List.of());
      }
    };
  }
}
