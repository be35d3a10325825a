package io.hopscope.web;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a {@link FixtureSource} the test can publish new states to (fast SSE
 * heartbeats, a fresh data dir): the base of the live-update browser tests. Each test class gets
 * its own context, because the tests change the published state and the data dir is per class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "hopscope.events.heartbeat=2s")
@Import(FixtureSource.ThreeNodeFlannel.class)
abstract class LiveFixtureIT {

  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hopscope.data-dir", () -> dataDir.toString());
  }

  @LocalServerPort int port;

  @Autowired FixtureSource source;
}
