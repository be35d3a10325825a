package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one cluster ({@link RelistingInformer}, one per watched resource), started
 * without waiting, each caching stripped objects and reporting every change that matters to {@code
 * onChange}; and the supervisor that checks them every second (or every retry interval, when
 * shorter) so a broken watch is followed by a relist.
 */
final class ClusterWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  private final List<RelistingInformer> watched = new ArrayList<>();
  private final Consumer<String> onChange;
  private final Clock clock;
  private final Duration checkInterval;
  private final ScheduledExecutorService supervisor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hopscope-live-supervisor");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Instant lastEventAt;

  ClusterWatch(
      KubernetesClient client,
      List<WatchedResource> resources,
      Consumer<String> onChange,
      Clock clock,
      Duration retryInterval) {
    this.onChange = onChange;
    this.clock = clock;
    this.checkInterval =
        retryInterval.compareTo(Duration.ofSeconds(1)) < 0 ? retryInterval : Duration.ofSeconds(1);
    for (WatchedResource resource : resources) {
      watched.add(new RelistingInformer(client, resource, this::changed));
    }
  }

  /** Starts every informer and the supervisor; returns at once. */
  void start() {
    watched.forEach(RelistingInformer::start);
    long period = Math.max(50, checkInterval.toMillis());
    supervisor.scheduleWithFixedDelay(this::supervise, period, period, TimeUnit.MILLISECONDS);
  }

  /** Every object the informers hold now (already stripped). */
  List<HasMetadata> objects() {
    List<HasMetadata> objects = new ArrayList<>();
    watched.forEach(each -> objects.addAll(each.objects()));
    return objects;
  }

  /** How each list-and-watch is doing, in registration order. */
  List<ResourceHealth> health() {
    return watched.stream().map(RelistingInformer::health).toList();
  }

  /** When the last add, update or delete arrived, if any. */
  Optional<Instant> lastEventAt() {
    return Optional.ofNullable(lastEventAt);
  }

  @Override
  public void close() {
    supervisor.shutdownNow();
    watched.forEach(RelistingInformer::stop);
  }

  private void supervise() {
    for (RelistingInformer each : watched) {
      try {
        each.supervise();
      } catch (RuntimeException e) {
        log.warn("supervising an informer failed: {}", e.toString());
      }
    }
  }

  private void changed(String line) {
    lastEventAt = clock.instant();
    onChange.accept(line);
  }
}
