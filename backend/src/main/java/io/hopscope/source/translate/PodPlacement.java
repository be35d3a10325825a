package io.hopscope.source.translate;

import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which node a pod of the input runs on, from what the input says: {@code spec.nodeName}, else the
 * node whose address is the pod's {@code status.hostIP}. A pod with neither that was never seen
 * pending (a hand-written manifest, or a dump stripped of placement) goes to the stand-in node when
 * the input has no Node objects; a pod in phase Pending stays unscheduled, as it is.
 */
final class PodPlacement {

  private PodPlacement() {}

  /** {@code spec.nodeName}, or empty. */
  static String nodeName(io.fabric8.kubernetes.api.model.Pod pod) {
    String name = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return name == null || name.isBlank() ? "" : name;
  }

  /** {@code status.hostIP}, or empty. */
  static String hostIp(io.fabric8.kubernetes.api.model.Pod pod) {
    String ip = pod.getStatus() == null ? null : pod.getStatus().getHostIP();
    return ip == null || ip.isBlank()
        ? ""
        : PodTranslation.requireIp(ip, "Pod " + CniDetection.ref(pod), "status.hostIP");
  }

  /** The name of a node synthesized from a pod's {@code status.hostIP} alone. */
  static String nodeNamedAfter(String hostIp) {
    return hostIp.isEmpty() ? "" : "node-" + hostIp.replace('.', '-').replace(':', '-');
  }

  /** Places the pods that have no {@code spec.nodeName}; the others are returned as they are. */
  static final class Placer {
    private final Map<String, String> nodeByAddress = new HashMap<>();
    private final boolean inputHasNodes;

    Placer(List<Node> nodes, boolean inputHasNodes) {
      nodes.forEach(n -> nodeByAddress.putIfAbsent(n.internalIp(), n.name()));
      this.inputHasNodes = inputHasNodes;
    }

    Pod place(Pod pod, io.fabric8.kubernetes.api.model.Pod input) {
      if (!pod.nodeName().isEmpty()) {
        return pod;
      }
      String hostIp = hostIp(input);
      if (!hostIp.isEmpty()) {
        String node = nodeByAddress.getOrDefault(hostIp, nodeNamedAfter(hostIp));
        return onNode(pod, node);
      }
      boolean pending = input.getStatus() != null && "Pending".equals(input.getStatus().getPhase());
      return inputHasNodes || pending ? pod : onNode(pod, NodeTranslation.STAND_IN_NODE);
    }
  }

  static Pod onNode(Pod p, String node) {
    return new Pod(
        p.namespace(),
        p.name(),
        p.uid(),
        p.labels(),
        p.annotations(),
        p.owner(),
        node,
        p.podIps(),
        p.hostNetwork(),
        p.containers(),
        p.sidecars(),
        p.dnsPolicy(),
        p.phase(),
        p.ready());
  }
}
