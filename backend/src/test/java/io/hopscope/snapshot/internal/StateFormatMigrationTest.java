package io.hopscope.snapshot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotExport;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServiceType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.zip.GZIPOutputStream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Format-1 states (the export fixture written before format 2) upgrade to exactly what the current
 * code builds from the same demo, both in an export and in a database created before format 2.
 */
class StateFormatMigrationTest {

  static final Path FIXTURE = Path.of("src/test/resources/snapshots/export-v1.json");

  @TempDir Path dataDir;

  @Test
  @DisplayName("a format-1 state upgrades to the state the current code builds from the same demo")
  void upgradeEqualsCurrentTranslation() throws Exception {
    ClusterState upgraded = upgradedFixture();
    ClusterState current = new DemoScenarios().load("flannel-vxlan");
    assertThat(upgraded.services()).isEqualTo(current.services());
    assertThat(upgraded.networkPolicies()).isEqualTo(current.networkPolicies());
    assertThat(upgraded.pods()).isEqualTo(current.pods());
    assertThat(upgraded.interfaces()).isEqualTo(current.interfaces());
    assertThat(upgraded.links()).isEqualTo(current.links());
    assertThat(upgraded.services())
        .filteredOn(Service::headless)
        .extracting(Service::type)
        .containsOnly(ServiceType.CLUSTER_IP)
        .hasSize(2);
  }

  @Test
  @DisplayName("opening a database written before format 2 rewrites its snapshots to format 2")
  void databaseMigration() throws Exception {
    JsonNode v1 = StateJson.mapper().readTree(Files.readAllBytes(FIXTURE)).get("state");
    String url = SnapshotDatabase.h2Url(dataDir);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + url);
    dataSource.setUser("sa");
    dataSource.setPassword("");
    Flyway.configure().dataSource(dataSource).target("1").load().migrate();
    byte[] gzipped = gzip(v1.toString().getBytes(StandardCharsets.UTF_8));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO snapshot VALUES ('AAAAAAAAAAAAAAAAAAAAAA', 'old', ?, 'CAPTURE',"
                    + " 'demo', 'flannel-vxlan', '', 3, 29, 14, 8, ?, ?, ?)")) {
      insert.setObject(1, OffsetDateTime.now());
      insert.setLong(2, v1.toString().length());
      insert.setLong(3, gzipped.length);
      insert.setBytes(4, gzipped);
      insert.executeUpdate();
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.createStatement().execute("SHUTDOWN");
    }

    try (StandaloneSnapshotStore store = StandaloneSnapshotStore.open(dataDir)) {
      ClusterState migrated = store.store().loadState("AAAAAAAAAAAAAAAAAAAAAA").block();
      assertThat(migrated).isEqualTo(upgradedFixture());
      Snapshot snapshot = store.store().find("AAAAAAAAAAAAAAAAAAAAAA").block();
      assertThat(snapshot.counts().networkPolicies()).isEqualTo(8);
      byte[] export =
          StateJson.exportStream(snapshot, store.store().loadCompressedState(snapshot.id()).block())
              .readAllBytes();
      assertThat(new String(export, 0, 60, StandardCharsets.UTF_8))
          .startsWith("{\"format\":\"hopscope-snapshot\",\"formatVersion\":2,");
      assertThat(StateJson.mapper().readValue(export, SnapshotExport.class).state())
          .isEqualTo(migrated);
    }
  }

  private static ClusterState upgradedFixture() throws Exception {
    JsonNode state = StateJson.mapper().readTree(Files.readAllBytes(FIXTURE)).get("state");
    StateFormat.upgrade(state, 1);
    return StateJson.mapper().treeToValue(state, ClusterState.class);
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    var out = new ByteArrayOutputStream();
    try (var gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }
}
