package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedInformerFactory;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one cluster, started without waiting. Each caches stripped objects and reports
 * every change that matters to {@code onChange}. None gives up: the exception handler always asks
 * for a retry (outage, 403, broken list), and when an established watch breaks, the informer is
 * replaced by a fresh one that relists; Fabric8 alone would resume the watch from its last
 * resourceVersion and miss what changed behind a restarted or replaced API server. Until the
 * replacement has listed, the old cache keeps being served; then the difference is reported.
 */
final class ClusterWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  private final SharedInformerFactory factory;
  private final List<Watched> watched = new ArrayList<>();
  private final Consumer<String> onChange;
  private final Clock clock;
  private final Duration checkInterval;
  private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "hopscope-live-supervisor");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Instant lastEventAt;

  ClusterWatch(KubernetesClient client, List<WatchedResource> resources, Consumer<String> onChange, Clock clock,
      Duration retryInterval) {
    this.factory = client.informers();
    this.onChange = onChange;
    this.clock = clock;
    this.checkInterval = retryInterval.compareTo(Duration.ofSeconds(1)) < 0 ? retryInterval : Duration.ofSeconds(1);
    for (WatchedResource resource : resources) {
      watched.add(new Watched(resource));
    }
  }

  /** Starts every informer and the supervisor; returns at once. */
  void start() {
    for (Watched each : watched) {
      each.active = each.newInformer(true);
    }
    long period = Math.max(50, checkInterval.toMillis());
    supervisor.scheduleWithFixedDelay(this::supervise, period, period, TimeUnit.MILLISECONDS);
  }

  /** Every object the informers hold now (already stripped). */
  List<HasMetadata> objects() {
    List<HasMetadata> objects = new ArrayList<>();
    for (Watched each : watched) {
      objects.addAll(each.active.informer.getStore().list());
    }
    return objects;
  }

  /** How each list-and-watch is doing, in registration order. */
  List<ResourceHealth> health() {
    return watched.stream().map(Watched::health).toList();
  }

  /** When the last add, update or delete arrived, if any. */
  Optional<Instant> lastEventAt() {
    return Optional.ofNullable(lastEventAt);
  }

  @Override
  public void close() {
    supervisor.shutdownNow();
    for (Watched each : watched) {
      each.active.informer.stop();
      if (each.replacement != null) {
        each.replacement.informer.stop();
      }
    }
  }

  private void supervise() {
    for (Watched each : watched) {
      try {
        each.supervise();
      } catch (RuntimeException e) {
        log.warn("{}: supervising the informer failed: {}", each.resource, e.toString());
      }
    }
  }

  private void changed(String line) {
    lastEventAt = clock.instant();
    onChange.accept(line);
  }

  /**
   * The state of one list-and-watch.
   *
   * @param synced a list completed at least once (there is data to serve)
   * @param watching the watch is open now
   * @param forbidden the API server answered 403 to the last attempt
   * @param lastError the last error seen while not watching, or empty
   */
  record ResourceHealth(WatchedResource resource, boolean synced, boolean watching, boolean forbidden,
      String lastError) {

    boolean ok() {
      return watching;
    }
  }

  /** One resource: the informer whose cache is served, and possibly its relisting replacement. */
  private final class Watched {

    final WatchedResource resource;
    volatile Instance active;
    volatile Instance replacement;
    private volatile Throwable lastError;

    Watched(WatchedResource resource) {
      this.resource = resource;
    }

    Instance newInformer(boolean reporting) {
      @SuppressWarnings("unchecked")
      Class<HasMetadata> type = (Class<HasMetadata>) resource.type();
      SharedIndexInformer<HasMetadata> informer;
      synchronized (factory) {
        informer = factory.inNamespace(resource.namespace()).sharedIndexInformerFor(type, 0);
      }
      Instance instance = new Instance(informer, reporting);
      informer.itemStore(new StrippingItemStore<>());
      informer.removeNamespaceIndex();
      informer.addEventHandler(instance);
      informer.exceptionHandler((started, error) -> {
        failed(error);
        return true;
      });
      informer.start();
      return instance;
    }

    void supervise() {
      Instance current = active;
      boolean watching = current.informer.isWatching();
      if (watching) {
        current.sawWatching = true;
      } else if (current.sawWatching && replacement == null) {
        log.info("{}: watch interrupted, relisting", resource);
        current.informer.stop();
        replacement = newInformer(false);
      }
      Instance next = replacement;
      if (next != null && next.informer.hasSynced()) {
        swapTo(current, next);
      }
    }

    private void swapTo(Instance old, Instance next) {
      next.reporting = true;
      Map<String, HasMetadata> before = new HashMap<>();
      old.informer.getStore().list().forEach(o -> before.put(Cache.metaNamespaceKeyFunc(o), o));
      for (HasMetadata now : next.informer.getStore().list()) {
        HasMetadata then = before.remove(Cache.metaNamespaceKeyFunc(now));
        if (then == null) {
          changed(ObjectChanges.describe(resource, now, "added"));
        } else if (!ObjectChanges.sameContent(then, now)) {
          changed(ObjectChanges.describe(resource, now, "updated"));
        }
      }
      before.values().forEach(gone -> changed(ObjectChanges.describe(resource, gone, "deleted")));
      active = next;
      replacement = null;
      log.info("{}: relisted after the watch broke", resource);
    }

    void failed(Throwable error) {
      Throwable previous = lastError;
      if (previous == null || !String.valueOf(previous.getMessage()).equals(String.valueOf(error.getMessage()))) {
        log.warn("{}: {} (retrying with backoff)", resource, rootMessage(error));
      }
      lastError = error;
    }

    ResourceHealth health() {
      Instance current = active;
      boolean watching = current.informer.isWatching();
      Throwable error = watching ? null : lastError;
      return new ResourceHealth(resource, current.informer.hasSynced(), watching, isForbidden(error),
          error == null ? "" : rootMessage(error));
    }

    /** One informer, with the handler that reports its events once it is the one served. */
    private final class Instance implements ResourceEventHandler<HasMetadata> {

      final SharedIndexInformer<HasMetadata> informer;
      volatile boolean reporting;
      volatile boolean sawWatching;

      Instance(SharedIndexInformer<HasMetadata> informer, boolean reporting) {
        this.informer = informer;
        this.reporting = reporting;
      }

      @Override
      public void onAdd(HasMetadata object) {
        report(object, "added");
      }

      @Override
      public void onUpdate(HasMetadata before, HasMetadata after) {
        if (!ObjectChanges.sameContent(before, after)) {
          report(after, "updated");
        }
      }

      @Override
      public void onDelete(HasMetadata object, boolean finalStateUnknown) {
        report(object, "deleted");
      }

      private void report(HasMetadata object, String what) {
        if (reporting) {
          changed(ObjectChanges.describe(resource, object, what));
        }
      }
    }
  }

  private static boolean isForbidden(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() == 403) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
