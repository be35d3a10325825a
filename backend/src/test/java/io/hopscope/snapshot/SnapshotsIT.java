package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.snapshot.internal.StandaloneSnapshotStore;
import io.hopscope.source.ClusterSource;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Snapshots} over the real H2 store, without Spring. */
class SnapshotsIT {

  private static final ClusterSource SOURCE =
      new ClusterSource() {
        @Override
        public ClusterState current() {
          return SnapshotFixtures.everyKindOfObject();
        }

        @Override
        public SourceStatus status() {
          return new SourceStatus("demo", "fixture", "", "UP", List.of());
        }
      };

  @Test
  @DisplayName(
      "Repeated loads of a snapshot are served from the decoded-state cache; delete evicts it")
  void cachesDecodedStates(@TempDir Path dataDir) {
    try (StandaloneSnapshotStore db = StandaloneSnapshotStore.open(dataDir)) {
      Snapshots snapshots =
          new Snapshots(
              db.store(), SOURCE, new SnapshotProperties(null, 0, null, null, null, null, 2));
      String id = snapshots.capture("cached", Snapshot.Origin.CAPTURE).block().id();
      ClusterState first = snapshots.load(id).block();
      assertThat(first).isEqualTo(SOURCE.current());
      assertThat(snapshots.load(id).block()).isSameAs(first);
      assertThat(snapshots.delete(id).block()).isTrue();
      assertThat(snapshots.load(id).blockOptional()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "The cache holds only the configured number of states, least recently used out first")
  void cacheIsBounded(@TempDir Path dataDir) {
    try (StandaloneSnapshotStore db = StandaloneSnapshotStore.open(dataDir)) {
      Snapshots snapshots =
          new Snapshots(
              db.store(), SOURCE, new SnapshotProperties(null, 0, null, null, null, null, 2));
      String a = snapshots.capture("a", Snapshot.Origin.CAPTURE).block().id();
      String b = snapshots.capture("b", Snapshot.Origin.CAPTURE).block().id();
      String c = snapshots.capture("c", Snapshot.Origin.CAPTURE).block().id();
      ClusterState stateA = snapshots.load(a).block();
      ClusterState stateB = snapshots.load(b).block();
      snapshots.load(c).block();
      assertThat(snapshots.load(b).block()).isSameAs(stateB);
      assertThat(snapshots.load(a).block()).isNotSameAs(stateA).isEqualTo(stateA);
    }
  }

  @Test
  @DisplayName(
      "keep=2 leaves the two newest scheduled captures; snapshots captured by hand or imported stay")
  void keepsNewestScheduled(@TempDir Path dataDir) {
    try (StandaloneSnapshotStore db = StandaloneSnapshotStore.open(dataDir)) {
      Snapshots snapshots =
          new Snapshots(
              db.store(), SOURCE, new SnapshotProperties(null, 2, null, null, null, null, 0));
      String byHand = snapshots.capture("by hand", Snapshot.Origin.CAPTURE).block().id();
      snapshots.capture("1", Snapshot.Origin.SCHEDULE).block();
      String imported = snapshots.store("imported", SOURCE.current()).block().id();
      String second = snapshots.capture("2", Snapshot.Origin.SCHEDULE).block().id();
      String third = snapshots.capture("3", Snapshot.Origin.SCHEDULE).block().id();
      String laterByHand = snapshots.capture("later by hand", Snapshot.Origin.CAPTURE).block().id();
      var list = snapshots.list(0, 10).block();
      assertThat(list.items().stream().map(Snapshot::id).toList())
          .containsExactly(laterByHand, third, second, imported, byHand);
    }
  }

  @Test
  @DisplayName(
      "With retention applied to all, keep=2 leaves the two newest snapshots whoever made them")
  void keepsNewestOfAll(@TempDir Path dataDir) {
    try (StandaloneSnapshotStore db = StandaloneSnapshotStore.open(dataDir)) {
      Snapshots snapshots =
          new Snapshots(
              db.store(),
              SOURCE,
              new SnapshotProperties(
                  null, 2, null, SnapshotProperties.RetentionScope.ALL, null, null, 0));
      snapshots.capture("1", Snapshot.Origin.CAPTURE).block();
      String second = snapshots.capture("2", Snapshot.Origin.SCHEDULE).block().id();
      String third = snapshots.store("3", SOURCE.current()).block().id();
      var list = snapshots.list(0, 10).block();
      assertThat(list.total()).isEqualTo(2);
      assertThat(list.items().stream().map(Snapshot::id).toList()).containsExactly(third, second);
    }
  }
}
