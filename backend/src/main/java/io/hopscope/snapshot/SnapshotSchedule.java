package io.hopscope.snapshot;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Periodic capture every {@code hopscope.snapshots.interval} (off unless set). Each capture prunes
 * by the retention settings afterwards, like every other capture. A failed capture is logged and
 * the schedule goes on.
 */
@Component
class SnapshotSchedule implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

  private final Snapshots snapshots;
  private final Duration interval;
  private final java.util.concurrent.atomic.AtomicLong captures =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile Disposable running;

  SnapshotSchedule(Snapshots snapshots, SnapshotProperties properties) {
    this.snapshots = snapshots;
    this.interval = properties.interval();
  }

  @Override
  public void start() {
    if (interval == null) {
      return;
    }
    log.info("Capturing a snapshot every {}", interval);
    running =
        Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    snapshots
                        .capture(null, Snapshot.Origin.SCHEDULE)
                        .doOnNext(
                            s -> {
                              captures.incrementAndGet();
                              log.debug("Scheduled snapshot {} stored", s.id());
                            })
                        .onErrorResume(
                            e -> {
                              log.warn("Scheduled snapshot failed: {}", e.toString());
                              return Mono.empty();
                            }),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    running = null;
  }

  /** How many scheduled captures were stored since start. */
  long captures() {
    return captures.get();
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
