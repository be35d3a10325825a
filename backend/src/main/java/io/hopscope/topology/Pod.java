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
    boolean ready) {

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
