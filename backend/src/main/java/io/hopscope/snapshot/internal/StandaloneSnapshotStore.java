package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.SnapshotStore;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.pool.PoolMetrics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The same store and database as the application, opened without Spring (for benchmarks and tools):
 * migrates with Flyway, then serves over R2DBC. Close it to close the database.
 */
public final class StandaloneSnapshotStore implements AutoCloseable {

  private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

  private final JdbcDataSource dataSource;
  private final ConnectionPool pool;
  private final SnapshotStore store;

  private StandaloneSnapshotStore(JdbcDataSource dataSource, ConnectionPool pool) {
    this.dataSource = dataSource;
    this.pool = pool;
    this.store = new H2SnapshotStore(DatabaseClient.create(pool));
  }

  public static StandaloneSnapshotStore open(Path dataDir) {
    String url = SnapshotDatabase.h2Url(dataDir);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + url);
    dataSource.setUser("sa");
    dataSource.setPassword("");
    Flyway.configure()
        .dataSource(dataSource)
        .javaMigrations(new V2__KubernetesSpellings())
        .load()
        .migrate();
    return new StandaloneSnapshotStore(
        dataSource,
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(
                    new H2ConnectionFactory(
                        H2ConnectionConfiguration.builder().url(url).username("sa").build()))
                .maxSize(4)
                .build()));
  }

  public SnapshotStore store() {
    return store;
  }

  /**
   * Closes the database and its files before returning. A connection is handed back to the pool
   * just after the query that used it completes, so this first waits (briefly) for the last one,
   * then disposes the pool and shuts H2 down, which closes any session still open.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + RELEASE_WAIT.toNanos();
    while (acquired() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
    pool.dispose();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot shut the snapshot database down", e);
    }
  }

  private int acquired() {
    return pool.getMetrics().map(PoolMetrics::acquiredSize).orElse(0);
  }
}
