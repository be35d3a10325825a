package io.hopscope.source.kubernetes;

import io.hopscope.HopscopeAppTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A {@link HopscopeAppTest} with the live source, retrying fast. The test class registers where the
 * API server is ({@link MockApiServer#connect}). The context is closed after the class: a cached
 * one would keep retrying a mock API server that is gone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DirtiesContext
@HopscopeAppTest(
    properties = {
      "hopscope.source=kubernetes",
      "logging.level.io.fabric8.mockwebserver=warn",
      "hopscope.kubernetes.retry-interval=100ms",
      "hopscope.kubernetes.coalesce-window=100ms"
    })
@interface LiveApplicationTest {}
