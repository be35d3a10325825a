package io.hopscope.snapshot.internal;

import io.hopscope.snapshot.SnapshotStore;
import io.hopscope.source.HopscopeProperties;
import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The H2 file database under {@code hopscope.data-dir}: Flyway migrates it over JDBC, the store
 * reads and writes it over R2DBC. Both drivers are embedded in this JVM and use the same URL, so H2
 * opens the file once and shares it between them (no second process, no AUTO_SERVER).
 *
 * <p>{@code WRITE_DELAY=0}: H2 writes every commit to the file at once instead of up to 500 ms
 * later, so a snapshot whose 201 went out survives a SIGKILL of the process. {@code
 * DB_CLOSE_ON_EXIT=FALSE}: the application context closes the database, not a JVM hook racing it.
 */
@Configuration(proxyBeanMethods = false)
class SnapshotDatabase {

  /** The part of the URL after {@code jdbc:h2:}, the same for both drivers. */
  static String h2Url(Path dataDir) {
    Path file = dataDir.toAbsolutePath().normalize().resolve("hopscope");
    return "file:" + file + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  @Bean
  DataSource dataSource(HopscopeProperties properties) {
    createDirectories(properties.dataDir());
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + h2Url(properties.dataDir()));
    dataSource.setUser("sa");
    dataSource.setPassword("");
    return dataSource;
  }

  @Bean(destroyMethod = "dispose")
  ConnectionPool connectionFactory(HopscopeProperties properties) {
    createDirectories(properties.dataDir());
    ConnectionFactory h2 =
        new H2ConnectionFactory(
            H2ConnectionConfiguration.builder()
                .url(h2Url(properties.dataDir()))
                .username("sa")
                .build());
    return new ConnectionPool(
        ConnectionPoolConfiguration.builder(h2)
            .initialSize(1)
            .maxSize(8)
            .maxIdleTime(Duration.ofMinutes(30))
            // a leaked or stuck connection must surface as an error, never as a request that hangs
            .maxAcquireTime(Duration.ofSeconds(30))
            .build());
  }

  /** Picked up by Boot's Flyway configuration with the SQL migrations. */
  @Bean
  V2__KubernetesSpellings kubernetesSpellingsMigration() {
    return new V2__KubernetesSpellings();
  }

  /** Depends on Flyway's initializer so that no query runs before the schema exists. */
  @Bean
  SnapshotStore snapshotStore(
      ConnectionPool connectionFactory, ObjectProvider<FlywayMigrationInitializer> migrated) {
    migrated.getIfAvailable();
    return new H2SnapshotStore(DatabaseClient.create(connectionFactory));
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create hopscope.data-dir " + dir, e);
    }
  }
}
