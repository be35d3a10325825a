package io.hopscope.trace.internal;

import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Sidecar;
import io.hopscope.trace.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which container of a pod sends or receives on the walked port, and port clashes inside one pod.
 */
final class ContainerPorts {

  private final WalkState w;

  ContainerPorts(WalkState w) {
    this.w = w;
  }

  static List<Container> appContainers(Pod pod) {
    Set<String> sidecars =
        pod.sidecars().stream().map(Sidecar::container).collect(Collectors.toSet());
    return pod.containers().stream()
        .filter(c -> !c.init() && !sidecars.contains(c.name()))
        .toList();
  }

  Optional<Integer> firstPort(Pod dst, String container) {
    List<Container> candidates =
        container.isEmpty()
            ? appContainers(dst)
            : dst.container(container).map(List::of).orElse(List.of());
    return candidates.stream()
        .flatMap(c -> c.ports().stream())
        .filter(p -> p.protocol() == w.protocol)
        .map(ContainerPort::containerPort)
        .findFirst();
  }

  String receivingContainer(Pod dst, String requested) {
    Optional<Container> declaring =
        dst.containers().stream()
            .filter(c -> !c.init())
            .filter(
                c ->
                    c.ports().stream()
                        .anyMatch(p -> p.containerPort() == w.port && p.protocol() == w.protocol))
            .findFirst();
    if (declaring.isPresent()) {
      return declaring.get().name();
    }
    w.findings.add(
        Finding.info(
            Finding.Kind.PORT_NOT_DECLARED,
            "no container of "
                + dst.ref()
                + " declares port "
                + w.port
                + "/"
                + w.protocol
                + "; the connection is refused unless a process listens on it anyway"));
    if (!requested.isEmpty()) {
      return requested;
    }
    return appContainers(dst).stream().findFirst().map(Container::name).orElse("(none)");
  }

  String declaredAs(Pod dst, String container) {
    return dst.container(container)
        .flatMap(
            c ->
                c.ports().stream()
                    .filter(p -> p.containerPort() == w.port && p.protocol() == w.protocol)
                    .findFirst())
        .map(
            p ->
                ", which declares port "
                    + w.port
                    + "/"
                    + w.protocol
                    + (p.name().isEmpty() ? "" : " ('" + p.name() + "')"))
        .orElse("");
  }

  void checkPortConflicts(Pod pod) {
    List<String> seen = new ArrayList<>();
    for (Container c : pod.containers()) {
      if (c.init()) {
        continue;
      }
      for (ContainerPort p : c.ports()) {
        String key = p.containerPort() + "/" + p.protocol();
        for (String other : seen) {
          if (other.startsWith(key + "@") && !other.endsWith("@" + c.name())) {
            w.findings.add(
                Finding.warning(
                    Finding.Kind.PORT_CONFLICT,
                    "containers "
                        + other.substring(other.indexOf('@') + 1)
                        + " and "
                        + c.name()
                        + " of "
                        + pod.ref()
                        + " both declare port "
                        + key
                        + "; they share one network namespace, so only one can bind it"));
          }
        }
        seen.add(key + "@" + c.name());
      }
    }
  }
}
