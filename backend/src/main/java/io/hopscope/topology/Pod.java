package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pod: the unit that has an IP address and a network namespace.
 *
 * @param owner the controlling workload (or the pod itself)
 * @param nodeName the node it runs on, or empty when unscheduled
 * @param podIps its addresses, IPv4 first
 * @param dnsPolicy ClusterFirst, Default, ClusterFirstWithHostNet or None
 * @param phase Pending, Running, Succeeded, Failed or Unknown
 * @param generated the fields Hopscope filled in because the input lacked them ({@code podIps});
 *     empty (left out of the JSON) when everything came from the input
 */
public record Pod(
    String namespace,
    String name,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String uid,
    Map<String, String> labels,
    Map<String, String> annotations,
    Owner owner,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String nodeName,
    List<String> podIps,
    boolean hostNetwork,
    List<Container> containers,
    List<Sidecar> sidecars,
    String dnsPolicy,
    String phase,
    boolean ready,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> generated) {

  /** The name of {@code podIps} in {@link #generated()}. */
  public static final String GENERATED_POD_IPS = "podIps";

  /** A pod whose every field came from the input. */
  public Pod(
      String namespace,
      String name,
      String uid,
      Map<String, String> labels,
      Map<String, String> annotations,
      Owner owner,
      String nodeName,
      List<String> podIps,
      boolean hostNetwork,
      List<Container> containers,
      List<Sidecar> sidecars,
      String dnsPolicy,
      String phase,
      boolean ready) {
    this(
        namespace,
        name,
        uid,
        labels,
        annotations,
        owner,
        nodeName,
        podIps,
        hostNetwork,
        containers,
        sidecars,
        dnsPolicy,
        phase,
        ready,
        List.of());
  }

  public Pod {
    uid = uid == null ? "" : uid;
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
    nodeName = nodeName == null ? "" : nodeName;
    podIps = List.copyOf(podIps);
    containers = List.copyOf(containers);
    sidecars = List.copyOf(sidecars);
    dnsPolicy = dnsPolicy == null || dnsPolicy.isBlank() ? "ClusterFirst" : dnsPolicy;
    phase = phase == null || phase.isBlank() ? "Running" : phase;
    generated = generated == null ? List.of() : List.copyOf(generated);
  }

  public PodRef ref() {
    return new PodRef(namespace, name);
  }

  /** The first (IPv4 when present) address, or empty. */
  public String primaryIp() {
    return podIps.isEmpty() ? "" : podIps.get(0);
  }

  public Optional<Container> container(String containerName) {
    return containers.stream().filter(c -> c.name().equals(containerName)).findFirst();
  }

  /** The named port declared by any (non-init) container for that protocol. */
  public Optional<ContainerPort> namedPort(String portName, Protocol protocol) {
    return containers.stream()
        .filter(c -> !c.init())
        .flatMap(c -> c.ports().stream())
        .filter(p -> p.name().equals(portName) && p.protocol() == protocol)
        .findFirst();
  }
}
