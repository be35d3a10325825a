package io.hopscope.web;

import io.hopscope.FixtureSource;
import io.hopscope.HopscopeAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The application on a {@link FixtureSource} the test can publish new states to (fast SSE
 * heartbeats, a fresh data dir): the base of the live-update browser tests. Each test class gets
 * its own context, because the tests change the published state and the data dir is per class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@HopscopeAppTest(properties = "hopscope.events.heartbeat=2s")
@Import(FixtureSource.ThreeNodeFlannel.class)
abstract class LiveFixtureIT {

  @LocalServerPort int port;

  @Autowired FixtureSource source;
}
