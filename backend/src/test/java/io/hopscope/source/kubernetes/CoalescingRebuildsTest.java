package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoalescingRebuildsTest {

  @Test
  @DisplayName(
      "a burst of 1,000 events yields one rebuild that names the first 50 and counts the rest")
  void burstYieldsOneRebuild() {
    List<List<String>> rebuilds = new CopyOnWriteArrayList<>();
    try (CoalescingRebuilds coalescing =
        new CoalescingRebuilds(Duration.ofMillis(150), rebuilds::add)) {
      for (int i = 0; i < 1000; i++) {
        coalescing.changed("pod shop/web-" + i + " added");
      }
      Eventually.within(
          Duration.ofSeconds(5), "a rebuild", () -> !rebuilds.isEmpty(), () -> rebuilds);
      sleep(400);
    }
    assertThat(rebuilds).hasSize(1);
    assertThat(rebuilds.get(0))
        .hasSize(CoalescingRebuilds.MAX_LINES + 1)
        .startsWith("pod shop/web-0 added")
        .endsWith("and 950 more changes");
  }

  @Test
  @DisplayName(
      "events after a rebuild start the next burst; a failing rebuild does not stop later ones")
  void laterEventsStartANewBurst() {
    List<List<String>> rebuilds = new CopyOnWriteArrayList<>();
    try (CoalescingRebuilds coalescing =
        new CoalescingRebuilds(
            Duration.ofMillis(50),
            lines -> {
              rebuilds.add(lines);
              if (rebuilds.size() == 1) {
                throw new IllegalStateException("bad object");
              }
            })) {
      coalescing.changed("pod a/b added");
      Eventually.within(
          Duration.ofSeconds(5), "the first rebuild", () -> rebuilds.size() == 1, () -> rebuilds);
      coalescing.changed("pod a/b deleted");
      Eventually.within(
          Duration.ofSeconds(5), "the second rebuild", () -> rebuilds.size() == 2, () -> rebuilds);
    }
    assertThat(rebuilds).containsExactly(List.of("pod a/b added"), List.of("pod a/b deleted"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
