package io.hopscope.source.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a burst of informer events into one rebuild: the first event of a burst schedules a rebuild
 * {@code window} later, and every event until then joins it. Rebuilds run one at a time on a single
 * thread, so events that arrive during a rebuild start the next burst.
 */
final class CoalescingRebuilds implements AutoCloseable {

  /** Change lines kept per rebuild; an initial list of 100,000 pods is summarised, not listed. */
  static final int MAX_LINES = 50;

  private static final Logger log = LoggerFactory.getLogger(CoalescingRebuilds.class);

  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hopscope-live-rebuild");
            thread.setDaemon(true);
            return thread;
          });
  private final Duration window;
  private final Consumer<List<String>> rebuild;
  private final List<String> pending = new ArrayList<>();
  private int more;
  private boolean scheduled;

  CoalescingRebuilds(Duration window, Consumer<List<String>> rebuild) {
    this.window = window;
    this.rebuild = rebuild;
  }

  /** Records one change; the rebuild that includes it starts at most {@code window} from now. */
  synchronized void changed(String line) {
    if (pending.size() < MAX_LINES) {
      pending.add(line);
    } else {
      more++;
    }
    if (!scheduled) {
      scheduled = true;
      executor.schedule(this::flush, window.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Runs {@code task} on the rebuild thread, after any rebuild in progress. */
  void submit(Runnable task) {
    executor.execute(task);
  }

  private void flush() {
    List<String> batch;
    synchronized (this) {
      batch = new ArrayList<>(pending);
      if (more > 0) {
        batch.add("and " + more + " more changes");
      }
      pending.clear();
      more = 0;
      scheduled = false;
    }
    try {
      rebuild.accept(batch);
    } catch (RuntimeException e) {
      // A bad object must not stop live updates: the next event tries again.
      log.error("rebuilding the cluster state failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
