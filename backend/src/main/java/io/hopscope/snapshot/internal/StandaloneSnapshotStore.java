package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.SnapshotStore;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The same store and database as the application, opened without Spring (for benchmarks and
 * tools): migrates with Flyway, then serves over R2DBC. Close it to close the database.
 */
public final class StandaloneSnapshotStore implements AutoCloseable {

  private final ConnectionPool pool;
  private final SnapshotStore store;

  private StandaloneSnapshotStore(ConnectionPool pool) {
    this.pool = pool;
    this.store = new H2SnapshotStore(DatabaseClient.create(pool));
  }

  public static StandaloneSnapshotStore open(Path dataDir) {
    String url = SnapshotDatabase.h2Url(dataDir);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + url);
    dataSource.setUser("sa");
    dataSource.setPassword("");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new StandaloneSnapshotStore(new ConnectionPool(ConnectionPoolConfiguration.builder(
        new H2ConnectionFactory(H2ConnectionConfiguration.builder().url(url).username("sa").build())).maxSize(4).build()));
  }

  public SnapshotStore store() {
    return store;
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
