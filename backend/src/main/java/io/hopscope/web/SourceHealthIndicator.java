package io.hopscope.web;

import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code hopscope} entry of {@code /actuator/health}: the cluster source's status. A degraded
 * source (e.g. a stale watch) still serves its last state, so it reports UP with {@code degraded:
 * true}; only a DOWN source makes the application unhealthy.
 */
@Component("hopscopeHealthIndicator")
class SourceHealthIndicator implements HealthIndicator {

  private final ClusterSource source;

  SourceHealthIndicator(ClusterSource source) {
    this.source = source;
  }

  @Override
  public Health health() {
    SourceStatus status = source.status();
    Health.Builder health = "DOWN".equalsIgnoreCase(status.health()) ? Health.down() : Health.up();
    return health
        .withDetail("kind", status.kind())
        .withDetail("name", status.name())
        .withDetail("context", status.context())
        .withDetail("health", status.health())
        .withDetail("degraded", "DEGRADED".equalsIgnoreCase(status.health()))
        .withDetail("messages", status.messages())
        .withDetail("capturedAt", String.valueOf(source.current().source().capturedAt()))
        .build();
  }
}
