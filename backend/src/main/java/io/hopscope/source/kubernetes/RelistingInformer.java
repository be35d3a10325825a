package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watched resource: the informer whose cache is served and, after its watch broke, a fresh
 * informer that relists. Fabric8 alone would resume a broken watch from its last resourceVersion
 * and miss what changed behind a restarted or replaced API server. Until the replacement has
 * listed, the old cache keeps being served; then the difference is reported as changes. The
 * exception handler always asks for a retry, so no informer ever stops for good.
 */
final class RelistingInformer {

  private static final Logger log = LoggerFactory.getLogger(RelistingInformer.class);

  /** Objects per list page, as client-go's reflector pages them. */
  static final long LIST_PAGE_SIZE = 500;

  private final KubernetesClient client;
  private final WatchedResource resource;
  private final Consumer<String> changed;
  private volatile Instance active;
  private volatile Instance replacement;
  private volatile Throwable lastError;

  RelistingInformer(KubernetesClient client, WatchedResource resource, Consumer<String> changed) {
    this.client = client;
    this.resource = resource;
    this.changed = changed;
  }

  /** Starts the first informer; returns at once. */
  void start() {
    active = newInformer(true);
  }

  /** The objects of the cache being served (already stripped). */
  List<HasMetadata> objects() {
    return active.informer.getStore().list();
  }

  void stop() {
    active.informer.stop();
    Instance next = replacement;
    if (next != null) {
      next.informer.stop();
    }
  }

  private Instance newInformer(boolean reporting) {
    @SuppressWarnings("unchecked")
    Class<HasMetadata> type = (Class<HasMetadata>) resource.type();
    // Built like SharedInformerFactory builds them, plus paged lists: one 100,000-pod list in a
    // single response would outlast any request timeout. (A factory would also keep every
    // replaced informer, and its cache, reachable.)
    MixedOperation<HasMetadata, ?, ?> all = client.resources(type);
    Informable<HasMetadata> scope =
        resource.namespace() == null ? all.inAnyNamespace() : all.inNamespace(resource.namespace());
    SharedIndexInformer<HasMetadata> informer = scope.withLimit(LIST_PAGE_SIZE).runnableInformer(0);
    Instance instance = new Instance(informer, reporting);
    informer.itemStore(new StrippingItemStore<>());
    informer.removeNamespaceIndex();
    informer.addEventHandler(instance);
    informer.exceptionHandler(
        (started, error) -> {
          failed(error);
          return true;
        });
    informer.start();
    return instance;
  }

  /**
   * Called periodically: replaces a broken informer, and swaps in a replacement once it has listed.
   */
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
        changed.accept(ObjectChanges.describe(resource, now, "added"));
      } else if (!ObjectChanges.sameContent(then, now)) {
        changed.accept(ObjectChanges.describe(resource, now, "updated"));
      }
    }
    before
        .values()
        .forEach(gone -> changed.accept(ObjectChanges.describe(resource, gone, "deleted")));
    active = next;
    replacement = null;
    log.info("{}: relisted after the watch broke", resource);
  }

  private void failed(Throwable error) {
    Throwable previous = lastError;
    if (previous == null
        || !String.valueOf(previous.getMessage()).equals(String.valueOf(error.getMessage()))) {
      log.warn("{}: {} (retrying with backoff)", resource, rootMessage(error));
    }
    lastError = error;
  }

  ResourceHealth health() {
    Instance current = active;
    boolean watching = current.informer.isWatching();
    if (watching) {
      // Whoever sees the watch open first; a status read between two supervisor ticks counts too.
      current.sawWatching = true;
    }
    Throwable error = watching ? null : lastError;
    return new ResourceHealth(
        resource,
        current.informer.hasSynced(),
        watching,
        isForbidden(error),
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
        changed.accept(ObjectChanges.describe(resource, object, what));
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
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
