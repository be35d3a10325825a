package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.snapshot.SnapshotProperties;
import io.hopscope.snapshot.SnapshotProperties.RetentionScope;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RetentionTextTest {

  private static String text(int keep, Duration maxAge, RetentionScope scope) {
    return SnapshotPagesController.retention(
        new SnapshotProperties(null, keep, maxAge, scope, null, null, 0));
  }

  @Test
  @DisplayName("No retention line when retention deletes nothing")
  void off() {
    assertThat(text(0, null, null)).isNull();
    assertThat(text(0, null, RetentionScope.ALL)).isNull();
  }

  @Test
  @DisplayName("By default the line names scheduled captures and says hand-made snapshots stay")
  void scheduledOnly() {
    assertThat(text(100, Duration.ofDays(30), null))
        .isEqualTo(
            "Retention: only the newest 100 scheduled captures are kept,"
                + " and scheduled captures older than 30 days are deleted. Snapshots captured by hand or imported stay until you"
                + " delete them.");
  }

  @Test
  @DisplayName("Applied to all, the line speaks of every snapshot")
  void all() {
    assertThat(text(5, null, RetentionScope.ALL))
        .isEqualTo("Retention: only the newest 5 snapshots are kept.");
    assertThat(text(0, Duration.ofHours(1), RetentionScope.ALL))
        .isEqualTo("Retention: snapshots older than 1 hour are deleted.");
    assertThat(text(0, Duration.ofMinutes(90), RetentionScope.ALL))
        .isEqualTo("Retention: snapshots older than 1h30m are deleted.");
  }
}
