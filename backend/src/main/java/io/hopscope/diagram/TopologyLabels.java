package io.hopscope.diagram;

import io.hopscope.topology.Container;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Provenance;
import java.util.List;
import java.util.Locale;

/**
 * The texts and CSS classes of the topology diagram's boxes; escaping is left to {@link
 * Mermaid#label(String)}.
 */
final class TopologyLabels {

  private static final int MAX_LABEL = 48;

  private TopologyLabels() {}

  /** Declares the CSS classes the boxes use. */
  static void declareClasses(Mermaid chart) {
    chart.classDef("pod", "fill:#e8eefb,stroke:#1f4b99,color:#1d2433");
    chart.classDef("hostpod", "fill:#f3e8fb,stroke:#6b2fa3,color:#1d2433");
    chart.classDef("notready", "fill:#fde6e6,stroke:#a61b1b,color:#1d2433");
    chart.classDef("agg", "fill:#eef0f4,stroke:#5c667a,color:#1d2433,stroke-dasharray:4 3");
    chart.classDef("bridge", "fill:#e3f4e8,stroke:#1e7b3c,color:#1d2433");
    chart.classDef("routing", "fill:#e3f4e8,stroke:#1e7b3c,color:#1d2433");
    chart.classDef("tunnel", "fill:#fff3d6,stroke:#8a5a00,color:#1d2433");
    chart.classDef("uplink", "fill:#dfe7f2,stroke:#14213d,color:#1d2433");
    chart.classDef("underlay", "fill:#14213d,stroke:#14213d,color:#ffffff");
  }

  /** The title of a node's subgraph; the node is null when the state does not list it. */
  static String nodeTitle(String name, Node node, List<NetInterface> devices) {
    StringBuilder title = new StringBuilder("node ").append(name);
    if (node != null && !node.internalIp().isEmpty()) {
      title.append(" · ").append(node.internalIp());
    }
    if (node != null && node.assumed()) {
      title.append(" · assumed (not in the input)");
    } else if (!devices.isEmpty()
        && devices.stream().allMatch(d -> d.provenance() == Provenance.INFERRED)) {
      title.append(" · devices inferred");
    } else if (!devices.isEmpty()
        && devices.stream().allMatch(d -> d.provenance() == Provenance.OBSERVED)) {
      title.append(" · devices observed");
    }
    if (node != null && !node.ready()) {
      title.append(" · NotReady");
    }
    return title.toString();
  }

  static String deviceLabel(NetInterface device) {
    String address = device.addresses().isEmpty() ? "" : " · " + device.addresses().get(0);
    if (device instanceof NetInterface.Tunnel t) {
      return t.name()
          + " "
          + t.tunnelKind().name().toLowerCase(Locale.ROOT)
          + (t.vni() > 0 ? " VNI " + t.vni() : "")
          + (t.udpPort() > 0 ? " UDP " + t.udpPort() : "");
    }
    String kind = device instanceof NetInterface.Bridge ? " bridge" : " uplink";
    return device.name() + kind + address;
  }

  static String provenance(Provenance provenance) {
    return provenance.name().toLowerCase(Locale.ROOT);
  }

  static String podLabel(Pod pod) {
    StringBuilder label = new StringBuilder(shorten(pod.name()));
    label
        .append(" · ")
        .append(
            pod.hostNetwork()
                ? "host network"
                : pod.podIps().isEmpty() ? "no IP" : pod.primaryIp());
    List<String> images =
        pod.containers().stream()
            .filter(c -> !c.init())
            .map(Container::image)
            .map(TopologyLabels::imageName)
            .filter(i -> !i.isEmpty())
            .distinct()
            .toList();
    if (!images.isEmpty()) {
      label.append(" · ").append(shorten(String.join(", ", images)));
    }
    return label.toString();
  }

  /**
   * The last path segment of an image reference: {@code docker.io/library/nginx:1.27} is {@code
   * nginx:1.27}.
   */
  private static String imageName(String image) {
    int slash = image.lastIndexOf('/');
    return slash >= 0 && slash < image.length() - 1 ? image.substring(slash + 1) : image;
  }

  static String podClass(Pod pod) {
    if (pod.hostNetwork()) {
      return "hostpod";
    }
    return pod.ready() ? "pod" : "notready";
  }

  static String deviceClass(NetInterface device) {
    if (device instanceof NetInterface.Bridge) {
      return "bridge";
    }
    return device instanceof NetInterface.Tunnel ? "tunnel" : "uplink";
  }

  static String shorten(String text) {
    return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
