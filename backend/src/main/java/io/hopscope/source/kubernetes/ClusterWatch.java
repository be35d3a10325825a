package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.SharedInformerFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one cluster, started without waiting: each caches stripped objects, reports
 * every change that matters to {@code onChange}, and never gives up (its exception handler always
 * asks for a retry, so an outage, a 403 or a broken watch only delays it, with backoff).
 */
final class ClusterWatch implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterWatch.class);

  private final List<Informed> informed = new ArrayList<>();
  private final Consumer<String> onChange;
  private final Clock clock;
  private volatile Instant lastEventAt;

  ClusterWatch(KubernetesClient client, List<WatchedResource> resources, Consumer<String> onChange, Clock clock) {
    this.onChange = onChange;
    this.clock = clock;
    SharedInformerFactory factory = client.informers();
    for (WatchedResource resource : resources) {
      informed.add(new Informed(resource, informerFor(factory, resource)));
    }
  }

  private SharedIndexInformer<HasMetadata> informerFor(SharedInformerFactory factory, WatchedResource resource) {
    @SuppressWarnings("unchecked")
    Class<HasMetadata> type = (Class<HasMetadata>) resource.type();
    SharedIndexInformer<HasMetadata> informer = factory.inNamespace(resource.namespace())
        .sharedIndexInformerFor(type, 0);
    informer.itemStore(new StrippingItemStore<>());
    informer.removeNamespaceIndex();
    informer.addEventHandler(new Handler(resource));
    return informer;
  }

  /** Starts every informer; returns at once. Each lists, then watches, retrying on its own. */
  void start() {
    for (Informed each : informed) {
      each.informer.exceptionHandler((started, error) -> {
        each.failed(error, clock.instant());
        return true;
      });
      each.informer.start();
    }
  }

  /** Every object the informers hold now (already stripped). */
  List<HasMetadata> objects() {
    List<HasMetadata> objects = new ArrayList<>();
    for (Informed each : informed) {
      objects.addAll(each.informer.getStore().list());
    }
    return objects;
  }

  /** How each list-and-watch is doing, in registration order. */
  List<ResourceHealth> health() {
    return informed.stream().map(Informed::health).toList();
  }

  /** When the last add, update or delete arrived, if any. */
  Optional<Instant> lastEventAt() {
    return Optional.ofNullable(lastEventAt);
  }

  @Override
  public void close() {
    informed.forEach(each -> each.informer.stop());
  }

  /**
   * The state of one list-and-watch.
   *
   * @param synced the first list completed (the cache has been filled at least once)
   * @param watching the watch is open now
   * @param forbidden the API server answered 403 to the last attempt
   * @param lastError the last error seen, or empty
   * @param lastErrorAt when it was seen, or null
   */
  record ResourceHealth(WatchedResource resource, boolean synced, boolean watching, boolean forbidden,
      String lastError, Instant lastErrorAt) {

    boolean ok() {
      return watching;
    }
  }

  private final class Handler implements ResourceEventHandler<HasMetadata> {

    private final WatchedResource resource;

    Handler(WatchedResource resource) {
      this.resource = resource;
    }

    @Override
    public void onAdd(HasMetadata object) {
      changed(ObjectChanges.describe(resource, object, "added"));
    }

    @Override
    public void onUpdate(HasMetadata before, HasMetadata after) {
      if (!ObjectChanges.sameContent(before, after)) {
        changed(ObjectChanges.describe(resource, after, "updated"));
      }
    }

    @Override
    public void onDelete(HasMetadata object, boolean finalStateUnknown) {
      changed(ObjectChanges.describe(resource, object, "deleted"));
    }

    private void changed(String line) {
      lastEventAt = clock.instant();
      onChange.accept(line);
    }
  }

  private static final class Informed {

    final WatchedResource resource;
    final SharedIndexInformer<HasMetadata> informer;
    private volatile Throwable lastError;
    private volatile Instant lastErrorAt;

    Informed(WatchedResource resource, SharedIndexInformer<HasMetadata> informer) {
      this.resource = resource;
      this.informer = informer;
    }

    void failed(Throwable error, Instant at) {
      if (lastError == null || !String.valueOf(lastError.getMessage()).equals(String.valueOf(error.getMessage()))) {
        log.warn("{}: {} (retrying with backoff)", resource, error.toString());
      }
      lastError = error;
      lastErrorAt = at;
    }

    ResourceHealth health() {
      boolean watching = informer.isWatching();
      Throwable error = watching ? null : lastError;
      return new ResourceHealth(resource, informer.hasSynced(), watching, isForbidden(error),
          error == null ? "" : describe(error), error == null ? null : lastErrorAt);
    }

    private static boolean isForbidden(Throwable error) {
      for (Throwable t = error; t != null; t = t.getCause()) {
        if (t instanceof KubernetesClientException k && k.getCode() == 403) {
          return true;
        }
      }
      return false;
    }

    private static String describe(Throwable error) {
      Throwable root = error;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
      return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
  }
}
