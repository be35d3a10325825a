package io.hopscope.source.kubernetes;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/** Polls a condition until it holds or the time is up; the failure says what was last seen. */
final class Eventually {

  private Eventually() {}

  static void within(
      Duration limit, String what, BooleanSupplier condition, Supplier<Object> lastSeen) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionFailedError("interrupted while waiting for " + what);
      }
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionFailedError(
          "not within " + limit.toMillis() + " ms: " + what + "; last seen: " + lastSeen.get());
    }
  }
}
