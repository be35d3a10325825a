package io.hopscope.trace.internal;

import io.hopscope.topology.Container;
import io.hopscope.topology.IpAddresses;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A packet from a pod to itself or to a loopback address: over localhost inside its network
 * namespace (the node's, for a hostNetwork pod), no CNI involved.
 */
final class Loopback {

  private final WalkState w;

  Loopback(WalkState w) {
    this.w = w;
  }

  /** Whether an address never leaves the sender's network namespace: 127.0.0.0/8 or ::1. */
  static boolean isLoopback(String address) {
    if (!IpAddresses.isLiteral(address)) {
      return false;
    }
    BigInteger value = IpAddresses.toNumber(address);
    return IpAddresses.isV6(address)
        ? value.equals(BigInteger.ONE)
        : value.shiftRight(24).intValue() == 127;
  }

  /**
   * A name the source pod's {@code /etc/hosts} answers before any DNS server is asked (the kubelet
   * writes localhost, ip6-localhost, ip6-loopback and the pod's own hostname; a hostNetwork pod has
   * the node's file, with localhost): records the hop and returns the address.
   */
  Optional<String> hostsEntry(String name) {
    String address =
        switch (name) {
          case "localhost" -> "127.0.0.1";
          case "ip6-localhost", "ip6-loopback" -> "::1";
          default ->
              !w.src.hostNetwork() && name.equals(w.src.name()) && !w.src.primaryIp().isEmpty()
                  ? w.src.primaryIp()
                  : null;
        };
    if (address == null) {
      return Optional.empty();
    }
    w.h.add(
        Component.DNS,
        Action.RESOLVED,
        w.src.nodeName(),
        "",
        address,
        name
            + " is in "
            + (w.src.hostNetwork() ? "the node's" : "the pod's")
            + " /etc/hosts ("
            + address
            + "), which the resolver reads before asking the cluster DNS: no query leaves "
            + w.src.ref(),
        "/etc/hosts",
        WalkState.exec(w.src, w.srcContainer, "cat /etc/hosts"));
    return Optional.of(address);
  }

  /** A packet to a loopback address: it stays in the sender's network namespace. */
  void deliverLocal(String address) {
    deliver("", address);
  }

  void deliver(String targetContainer) {
    deliver(targetContainer, "127.0.0.1");
  }

  private void deliver(String targetContainer, String address) {
    String shown = (IpAddresses.isV6(address) ? "[" + address + "]" : address) + ":" + w.port;
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
    } else if (w.src.hostNetwork() && targetContainer.isEmpty()) {
      receiver = "a process of node " + w.src.nodeName();
      w.findings.add(
          Finding.info(
              Finding.Kind.PORT_NOT_DECLARED,
              "no container of "
                  + w.src.ref()
                  + " declares port "
                  + w.port
                  + "/"
                  + w.protocol
                  + "; delivery depends on a process of node "
                  + w.src.nodeName()
                  + " listening on it"));
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
    w.h.addInPod(
        w.src,
        Component.LOOPBACK,
        Action.FORWARDED,
        "lo",
        shown,
        (w.src.hostNetwork()
                ? "a hostNetwork pod shares node " + w.src.nodeName() + "'s network namespace: "
                : "containers of one pod share its network namespace: ")
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
        shown,
        receiver.startsWith("a process of node ")
            ? "delivered to " + receiver
            : "delivered to container " + receiver + " of " + w.src.ref(),
        "delivered",
        WalkState.exec(w.src, w.srcContainer, "ss -ltn sport = :" + w.port));
    w.reason =
        "delivered over localhost inside "
            + (w.src.hostNetwork() ? "node " + w.src.nodeName() : w.src.ref().toString());
  }
}
