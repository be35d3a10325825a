package io.hopscope.snapshot.internal;

import io.hopscope.topology.ClusterState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.databind.JsonNode;

/**
 * Rewrites the snapshots stored before state format 2 (see {@link StateFormat}) so that every
 * stored state is in the current format: reads, exports and diffs never meet an old one. One row at
 * a time, so memory stays that of the largest snapshot.
 */
public final class V2__KubernetesSpellings extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    List<String> ids = new ArrayList<>();
    try (Statement select = connection.createStatement();
        ResultSet rows = select.executeQuery("SELECT id FROM snapshot")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    try (PreparedStatement read =
            connection.prepareStatement("SELECT state FROM snapshot WHERE id = ?");
        PreparedStatement write =
            connection.prepareStatement(
                "UPDATE snapshot SET state = ?, state_bytes = ?, stored_bytes = ? WHERE id = ?")) {
      for (String id : ids) {
        read.setString(1, id);
        byte[] stored;
        try (ResultSet row = read.executeQuery()) {
          row.next();
          stored = row.getBytes(1);
        }
        StateJson.Compressed upgraded = StateJson.compress(upgrade(stored));
        write.setBytes(1, upgraded.gzip());
        write.setLong(2, upgraded.jsonBytes());
        write.setLong(3, upgraded.gzip().length);
        write.setString(4, id);
        write.executeUpdate();
      }
    }
  }

  private static ClusterState upgrade(byte[] gzipped) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), 64 * 1024)) {
      JsonNode tree = StateJson.mapper().readTree(in);
      StateFormat.upgrade(tree, 1);
      return StateJson.mapper().treeToValue(tree, ClusterState.class);
    }
  }
}
