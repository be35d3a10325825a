package io.hopscope.trace.internal;

import io.hopscope.topology.Container;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import java.util.List;
import java.util.stream.Collectors;

/** A packet from a pod to itself: over localhost inside its network namespace, no CNI involved. */
final class Loopback {

  private final WalkState w;

  Loopback(WalkState w) {
    this.w = w;
  }

  void deliver(String targetContainer) {
    List<Container> declaring =
        w.src.containers().stream()
            .filter(c -> !c.init())
            .filter(
                c ->
                    c.ports().stream()
                        .anyMatch(p -> p.containerPort() == w.port && p.protocol() == w.protocol))
            .toList();
    if (declaring.size() > 1) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.PORT_CONFLICT,
              "containers "
                  + declaring.stream().map(Container::name).collect(Collectors.joining(" and "))
                  + " of "
                  + w.src.ref()
                  + " both declare port "
                  + w.port
                  + "/"
                  + w.protocol
                  + "; they share one network namespace, so only one can bind it"));
    }
    String receiver;
    if (!declaring.isEmpty()) {
      receiver = declaring.get(0).name();
      if (!targetContainer.isEmpty()
          && !targetContainer.equals(receiver)
          && declaring.stream().noneMatch(c -> c.name().equals(targetContainer))) {
        w.note(
            "port "
                + w.port
                + " belongs to container "
                + receiver
                + ", not "
                + targetContainer
                + ": containers of a pod share one network namespace, so the port decides");
      } else if (!targetContainer.isEmpty()) {
        receiver = targetContainer;
      }
    } else {
      receiver = targetContainer.isEmpty() ? "(no container declares it)" : targetContainer;
      w.findings.add(
          Finding.info(
              Finding.Kind.PORT_NOT_DECLARED,
              "no container of "
                  + w.src.ref()
                  + " declares port "
                  + w.port
                  + "/"
                  + w.protocol
                  + "; the connection is refused unless a process listens on it anyway"));
    }
    w.h.add(
        Component.LOOPBACK,
        Action.FORWARDED,
        w.src.nodeName(),
        "lo",
        "127.0.0.1:" + w.port,
        "containers of one pod share its network namespace: "
            + w.srcContainer
            + " reaches "
            + receiver
            + " over localhost; no veth, no CNI, no NetworkPolicy",
        "localhost",
        WalkState.exec(w.src, w.srcContainer, "ss -ltnp"));
    w.h.add(
        Component.CONTAINER,
        Action.DELIVERED,
        w.src.nodeName(),
        "",
        "127.0.0.1:" + w.port,
        "delivered to container " + receiver + " of " + w.src.ref(),
        "delivered",
        WalkState.exec(w.src, w.srcContainer, "ss -ltn sport = :" + w.port));
    w.reason = "delivered over localhost inside " + w.src.ref();
  }
}
