package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.source.StateChange;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A live cluster seen through informers. Starts empty and never blocks: the informers connect in
 * the background, each burst of changes builds one new {@link ClusterState}, and the last good
 * state is served through any outage while {@link #status()} says what is wrong.
 */
public final class KubernetesClusterSource implements ClusterSource, AutoCloseable {

  static final String KIND = "kubernetes";

  private final ClusterConnection connection;
  private final KubernetesClient client;
  private final ObjectAssembly assembly;
  private final Clock clock;
  private final ClusterWatch watch;
  private final CoalescingRebuilds rebuilds;
  private final AtomicReference<ClusterState> state = new AtomicReference<>();
  private final AtomicLong version = new AtomicLong();
  private final Sinks.Many<StateChange> changes = Sinks.many().multicast().directBestEffort();
  private volatile String serverVersion = "";

  KubernetesClusterSource(
      ClusterConnection connection,
      KubernetesClient client,
      ObjectAssembly assembly,
      KubernetesProperties properties,
      Clock clock) {
    this.connection = connection;
    this.client = client;
    this.assembly = assembly;
    this.clock = clock;
    this.rebuilds = new CoalescingRebuilds(properties.coalesceWindow(), this::rebuild);
    this.watch =
        new ClusterWatch(
            client,
            WatchedResource.all(properties.systemNamespaces()),
            rebuilds::changed,
            clock,
            properties.retryInterval());
    state.set(assembly.assemble(List.of(), sourceInfo()));
  }

  /** Connects as configured and starts the informers in the background; returns at once. */
  static KubernetesClusterSource open(
      KubernetesProperties properties, ObjectAssembly assembly, Clock clock) {
    ClusterConnection connection = ClusterConnection.resolve(properties);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(connection.config()).build();
    KubernetesClusterSource source =
        new KubernetesClusterSource(connection, client, assembly, properties, clock);
    source.start();
    return source;
  }

  /** Starts the informers in the background and returns at once. */
  void start() {
    watch.start();
    rebuilds.submit(this::fetchServerVersion);
  }

  @Override
  public ClusterState current() {
    return state.get();
  }

  @Override
  public Flux<StateChange> changes() {
    return changes.asFlux();
  }

  @Override
  public SourceStatus status() {
    List<ResourceHealth> health = watch.health();
    List<String> messages = new ArrayList<>();
    if (!serverVersion.isEmpty()) {
      messages.add("server version " + serverVersion);
    }
    boolean anySynced = health.stream().anyMatch(ResourceHealth::synced);
    boolean allWatching = health.stream().allMatch(ResourceHealth::ok);
    boolean unreachable =
        health.stream().noneMatch(ResourceHealth::watching)
            && health.stream().anyMatch(h -> !h.lastError().isEmpty() && !h.forbidden());
    if (unreachable) {
      String error =
          health.stream()
              .map(ResourceHealth::lastError)
              .filter(e -> !e.isEmpty())
              .findFirst()
              .orElse("");
      messages.add(
          "cannot reach the API server at "
              + connection.server()
              + ": "
              + error
              + "; retrying with backoff");
      messages.add(
          anySynced
              ? "showing the last state received, built "
                  + age(current().source().capturedAt())
                  + " ago"
              : "showing an empty cluster until the API server answers");
    } else if (!anySynced && health.stream().noneMatch(ResourceHealth::forbidden)) {
      messages.add("connecting to the API server at " + connection.server());
    }
    for (ResourceHealth each : health) {
      if (each.forbidden()) {
        messages.add(each.resource().missingPermission());
      } else if (!each.ok() && !unreachable && !each.lastError().isEmpty()) {
        messages.add(
            "watch of " + each.resource() + " interrupted: " + each.lastError() + "; relisting");
      }
    }
    Optional<Instant> lastEvent = watch.lastEventAt();
    messages.add(
        lastEvent.map(at -> "last event " + age(at) + " ago").orElse("no events received yet"));
    String verdict = allWatching ? "UP" : anySynced ? "DEGRADED" : "DOWN";
    return new SourceStatus(
        KIND, connection.displayName(), connection.context(), verdict, messages);
  }

  private void rebuild(List<String> lines) {
    ClusterState next = assembly.assemble(watch.objects(), sourceInfo());
    state.set(next);
    changes.tryEmitNext(
        new StateChange(version.incrementAndGet(), next.source().capturedAt(), lines));
    if (serverVersion.isEmpty()) {
      fetchServerVersion();
    }
  }

  private void fetchServerVersion() {
    try {
      VersionInfo info = client.getKubernetesVersion();
      if (info.getGitVersion() != null && !info.getGitVersion().isBlank()) {
        serverVersion = info.getGitVersion();
      } else if (info.getMajor() != null) {
        serverVersion = "v" + info.getMajor() + "." + info.getMinor();
      }
    } catch (RuntimeException e) {
      // Unknown until the API server answers; the next rebuild asks again.
    }
  }

  private SourceInfo sourceInfo() {
    return new SourceInfo(
        KIND, connection.displayName(), connection.context(), clock.instant(), List.of(), Map.of());
  }

  private String age(Instant at) {
    Duration age = Duration.between(at, clock.instant());
    long seconds = Math.max(0, age.toSeconds());
    return seconds < 120
        ? seconds + " s"
        : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
  }

  @Override
  public void close() {
    watch.close();
    rebuilds.close();
    client.close();
    changes.tryEmitComplete();
  }
}
