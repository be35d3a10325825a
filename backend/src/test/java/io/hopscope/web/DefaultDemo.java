package io.hopscope.web;

import io.hopscope.source.ClusterSource;
import io.hopscope.topology.Pod;
import java.util.Comparator;

/**
 * The pods of the default demo cluster (flannel-vxlan, the source of a {@code @HopscopeAppTest}) by
 * role.
 */
final class DefaultDemo {

  private DefaultDemo() {}

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
