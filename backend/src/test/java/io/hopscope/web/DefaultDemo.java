package io.hopscope.web;

import io.hopscope.source.ClusterSource;
import io.hopscope.topology.Pod;
import java.nio.file.Path;
import java.util.Comparator;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The default demo cluster (flannel-vxlan) as the source of an integration test, and its pods by
 * role.
 */
final class DefaultDemo {

  private DefaultDemo() {}

  /** Serve the default demo, keeping data in {@code dataDir}. */
  static void use(DynamicPropertyRegistry registry, Path dataDir) {
    registry.add("hopscope.data-dir", dataDir::toString);
    registry.add("hopscope.source", () -> "demo");
    registry.add("hopscope.demo.scenario", () -> "flannel-vxlan");
  }

  /**
   * The first shop pod (by name) labelled {@code app}, not on {@code notOnNode} (empty: any node).
   */
  static Pod shopPod(ClusterSource source, String app, String notOnNode) {
    return source.current().pods().stream()
        .filter(
            p ->
                p.namespace().equals("shop")
                    && app.equals(p.labels().get("app"))
                    && !p.nodeName().equals(notOnNode))
        .min(Comparator.comparing(Pod::ref))
        .orElseThrow(() -> new AssertionError("the default demo has no shop pod app=" + app));
  }
}
