package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.FixtureSource;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotRestartIT {

  @Test
  @DisplayName(
      "After the application is closed and started again on the same data dir, every snapshot is listed and reads back equal")
  void survivesRestart(@TempDir Path dataDir) {
    List<String> ids = new ArrayList<>();
    byte[] export;
    try (RunningApp app = RunningApp.start(dataDir)) {
      for (int i = 0; i < 3; i++) {
        ids.add(app.api.capture("restart " + i).json().get("id").asString());
      }
      export = app.api.get("/api/v1/snapshots/" + ids.get(0) + "/export").bytes();
      ids.add(
          app.api
              .post("/api/v1/snapshots/import?name=imported", "application/json", export)
              .json()
              .get("id")
              .asString());
      assertThat(app.api.count()).as(app.api.get("/api/v1/snapshots").text()).isEqualTo(4);
    }
    try (RunningApp app = RunningApp.start(dataDir)) {
      assertThat(app.api.count()).isEqualTo(4);
      var listed = app.api.get("/api/v1/snapshots").json().get("items");
      assertThat(listed.valueStream().map(s -> s.get("id").asString()).toList())
          .containsExactlyInAnyOrderElementsOf(ids);
      for (String id : ids) {
        var got = app.api.get("/api/v1/snapshots/" + id);
        assertThat(got.status()).isEqualTo(200);
        assertThat(StateJson.mapper().readValue(got.bytes(), ClusterState.class))
            .isEqualTo(app.bean(FixtureSource.class).current());
      }
      assertThat(app.api.get("/api/v1/snapshots/" + ids.get(0) + "/export").bytes())
          .isEqualTo(export);
    }
  }

  @Test
  @DisplayName(
      "With an interval set, snapshots are captured on schedule, and keep prunes all but the newest scheduled ones")
  void scheduleAndKeep(@TempDir Path dataDir) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            dataDir, "hopscope.snapshots.interval=150ms", "hopscope.snapshots.keep=3")) {
      String early = app.api.capture("by hand, early").json().get("id").asString();
      // four more scheduled captures: the three newest are surely younger than the early one
      long wanted = scheduledCount(app) + 4;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (scheduledCount(app) < wanted && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      // stop the schedule so that no capture is between its insert and its prune while we count
      app.bean(SnapshotSchedule.class).stop();
      Thread.sleep(500);
      String manual = app.api.capture("manual").json().get("id").asString();
      var listed = app.api.get("/api/v1/snapshots").json();
      // three scheduled captures are kept, and both captured by hand, however old
      assertThat(listed.get("total").asLong()).isEqualTo(5);
      assertThat(listed.get("items").get(0).get("id").asString()).isEqualTo(manual);
      for (int i = 1; i <= 3; i++) {
        assertThat(listed.get("items").get(i).get("origin").asString()).isEqualTo("SCHEDULE");
      }
      assertThat(listed.get("items").get(4).get("id").asString()).isEqualTo(early);
      assertThat(app.api.get("/snapshots").text())
          .contains("only the newest 3 scheduled captures are kept")
          .contains("captured by hand or imported stay until you delete them");
    }
  }

  /** How many scheduled captures ran so far (the name says when; retention keeps the count low). */
  private static long scheduledCount(RunningApp app) {
    return app.bean(SnapshotSchedule.class).captures();
  }

  @Test
  @DisplayName(
      "max-age, applied to all, deletes snapshots older than the limit at the next capture")
  void maxAge(@TempDir Path dataDir) throws Exception {
    try (RunningApp app =
        RunningApp.start(
            dataDir,
            "hopscope.snapshots.max-age=1s",
            "hopscope.snapshots.retention-applies-to=all")) {
      String old = app.api.capture("old").json().get("id").asString();
      Thread.sleep(1_500);
      String fresh = app.api.capture("fresh").json().get("id").asString();
      assertThat(app.api.get("/api/v1/snapshots/" + old).status()).isEqualTo(404);
      assertThat(app.api.get("/api/v1/snapshots/" + fresh).status()).isEqualTo(200);
    }
  }
}
