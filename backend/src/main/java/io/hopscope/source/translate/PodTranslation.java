package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Sidecar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fabric8 pods to model pods (addresses as given; {@link PodAddresses} fills the missing ones). */
final class PodTranslation {

  private static final Map<String, String> MESH_PROXIES =
      Map.of(
          "istio-proxy", "istio",
          "linkerd-proxy", "linkerd",
          "consul-dataplane", "consul",
          "envoy-sidecar", "consul",
          "consul-connect-envoy-sidecar", "consul");

  private PodTranslation() {}

  static Pod translate(io.fabric8.kubernetes.api.model.Pod pod) {
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    PodStatus status = pod.getStatus();
    Owner owner =
        Workloads.controller(pod)
            .map(ref -> new Owner(Workloads.ownerKind(ref), ref.getName()))
            .orElse(new Owner("Pod", InputObjects.nameOf(pod)));
    List<Container> containers = containers(spec);
    String phase = status == null ? "Running" : status.getPhase();
    return new Pod(
        InputObjects.namespaceOf(pod),
        InputObjects.nameOf(pod),
        pod.getMetadata().getUid(),
        orEmpty(pod.getMetadata().getLabels()),
        orEmpty(pod.getMetadata().getAnnotations()),
        owner,
        spec.getNodeName(),
        podIps(status, "Pod " + CniDetection.ref(pod)),
        Boolean.TRUE.equals(spec.getHostNetwork()),
        containers,
        sidecars(containers),
        spec.getDnsPolicy(),
        phase,
        ready(status));
  }

  /** The one pod a workload without pods in the input stands for, named after the workload. */
  static Pod standIn(HasMetadata workload, String nodeName) {
    var template = Workloads.template(workload);
    PodSpec spec = template.map(t -> t.getSpec()).orElse(new PodSpec());
    Map<String, String> labels =
        template
            .map(t -> t.getMetadata())
            .map(m -> m.getLabels())
            .map(PodTranslation::orEmpty)
            .orElse(Map.of());
    Map<String, String> annotations =
        template
            .map(t -> t.getMetadata())
            .map(m -> m.getAnnotations())
            .map(PodTranslation::orEmpty)
            .orElse(Map.of());
    List<Container> containers = containers(spec == null ? new PodSpec() : spec);
    String node = spec != null && spec.getNodeName() != null ? spec.getNodeName() : nodeName;
    return new Pod(
        InputObjects.namespaceOf(workload),
        InputObjects.nameOf(workload),
        workload.getMetadata().getUid(),
        labels,
        annotations,
        new Owner(Workloads.kind(workload), InputObjects.nameOf(workload)),
        node,
        List.of(),
        spec != null && Boolean.TRUE.equals(spec.getHostNetwork()),
        containers,
        sidecars(containers),
        spec == null ? null : spec.getDnsPolicy(),
        "Running",
        true);
  }

  static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
    return map == null ? Map.of() : map;
  }

  private static List<Container> containers(PodSpec spec) {
    List<Container> result = new ArrayList<>();
    if (spec.getInitContainers() != null) {
      spec.getInitContainers().forEach(c -> result.add(container(c, true)));
    }
    if (spec.getContainers() != null) {
      spec.getContainers().forEach(c -> result.add(container(c, false)));
    }
    return result;
  }

  private static Container container(io.fabric8.kubernetes.api.model.Container c, boolean init) {
    List<ContainerPort> ports = new ArrayList<>();
    if (c.getPorts() != null) {
      for (var p : c.getPorts()) {
        if (p.getContainerPort() != null) {
          ports.add(
              new ContainerPort(
                  p.getName(),
                  p.getContainerPort(),
                  Protocol.parse(p.getProtocol()).orElse(Protocol.TCP),
                  p.getHostPort() == null ? 0 : p.getHostPort()));
        }
      }
    }
    // A native sidecar is an init container that keeps running: it serves traffic like any
    // container.
    boolean runsOnce = init && !"Always".equals(c.getRestartPolicy());
    return new Container(c.getName() == null ? "" : c.getName(), c.getImage(), ports, runsOnce);
  }

  private static List<Sidecar> sidecars(List<Container> containers) {
    List<Sidecar> result = new ArrayList<>();
    for (Container c : containers) {
      String mesh = MESH_PROXIES.get(c.name());
      if (mesh != null) {
        result.add(new Sidecar(c.name(), mesh));
      }
    }
    return result;
  }

  private static List<String> podIps(PodStatus status, String pod) {
    if (status == null) {
      return List.of();
    }
    Set<String> ips = new LinkedHashSet<>();
    if (status.getPodIP() != null && !status.getPodIP().isBlank()) {
      ips.add(requireIp(status.getPodIP(), pod, "status.podIP"));
    }
    if (status.getPodIPs() != null) {
      status.getPodIPs().stream()
          .map(PodIP::getIp)
          .filter(ip -> ip != null && !ip.isBlank())
          .forEach(ip -> ips.add(requireIp(ip, pod, "status.podIPs")));
    }
    return PodAddresses.v4First(ips);
  }

  /**
   * An address the API server would have validated; from a hand-edited manifest it may be anything,
   * and every later analysis computes with it.
   *
   * @throws IllegalArgumentException naming the object and the field when it is not an IP literal
   */
  static String requireIp(String address, String object, String field) {
    if (!IpAddresses.isLiteral(address)) {
      String shown = address.length() > 60 ? address.substring(0, 60) + "..." : address;
      throw new IllegalArgumentException(
          object
              + ": "
              + field
              + " '"
              + shown.replaceAll("\\p{Cntrl}", "?")
              + "' is not an IP address");
    }
    return address;
  }

  private static boolean ready(PodStatus status) {
    if (status == null || status.getConditions() == null || status.getConditions().isEmpty()) {
      return status == null || status.getPhase() == null || "Running".equals(status.getPhase());
    }
    return status.getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(PodCondition::getStatus)
        .anyMatch("True"::equals);
  }
}
