package io.hopscope.policy.internal;

import io.hopscope.policy.ConnectionSet;
import io.hopscope.policy.Reason;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether the ports of a rule admit a destination port and protocol. Named ports resolve against
 * the destination pod's container ports for that protocol; a name that does not resolve (or a
 * destination that is not a pod) matches nothing.
 */
public final class PortMatcher {

  private PortMatcher() {}

  /**
   * Null when the ports admit the connection, else the reason: protocol when no entry has the
   * protocol, named port when the only candidates are names the destination does not declare,
   * otherwise port.
   *
   * @param destination the destination pod, or null when it is an address
   * @param destinationName how to name the destination in a reason
   */
  public static Reason match(
      List<PolicyPort> ports,
      int port,
      Protocol protocol,
      Pod destination,
      String destinationName) {
    if (ports.isEmpty()) {
      return null;
    }
    List<PolicyPort> sameProtocol = new ArrayList<>(ports.size());
    for (PolicyPort p : ports) {
      if (p.protocol() == protocol) {
        sameProtocol.add(p);
      }
    }
    if (sameProtocol.isEmpty()) {
      return new Reason.ProtocolMismatch(
          protocol, ports.stream().map(PolicyPort::protocol).distinct().toList());
    }
    Reason.NamedPortNotFound unresolved = null;
    boolean numericCandidate = false;
    for (PolicyPort p : sameProtocol) {
      if (p.port() == null) {
        return null;
      }
      if (p.port().isNamed()) {
        Optional<ContainerPort> resolved =
            destination == null
                ? Optional.empty()
                : destination.namedPort(p.port().name(), protocol);
        if (resolved.isEmpty()) {
          if (unresolved == null) {
            unresolved = new Reason.NamedPortNotFound(p.port().name(), protocol, destinationName);
          }
          continue;
        }
        numericCandidate = true;
        if (resolved.get().containerPort() == port) {
          return null;
        }
      } else {
        numericCandidate = true;
        int last = p.endPort() > 0 ? p.endPort() : p.port().number();
        if (port >= p.port().number() && port <= last) {
          return null;
        }
      }
    }
    if (unresolved != null && !numericCandidate) {
      return unresolved;
    }
    return new Reason.PortMismatch(protocol, port, describe(sameProtocol));
  }

  /**
   * Every connection the ports admit towards a destination (all of them when the list is empty).
   */
  public static ConnectionSet connections(List<PolicyPort> ports, Pod destination) {
    if (ports.isEmpty()) {
      return ConnectionSet.ALL;
    }
    ConnectionSet out = ConnectionSet.NONE;
    for (PolicyPort p : ports) {
      if (p.port() == null) {
        out = out.union(ConnectionSet.allOf(p.protocol()));
      } else if (p.port().isNamed()) {
        if (destination != null) {
          Optional<ContainerPort> resolved = destination.namedPort(p.port().name(), p.protocol());
          if (resolved.isPresent()) {
            int number = resolved.get().containerPort();
            out = out.union(ConnectionSet.of(p.protocol(), number, number));
          }
        }
      } else {
        int last = p.endPort() > 0 ? p.endPort() : p.port().number();
        out = out.union(ConnectionSet.of(p.protocol(), p.port().number(), last));
      }
    }
    return out;
  }

  private static String describe(List<PolicyPort> ports) {
    List<String> parts = new ArrayList<>(ports.size());
    for (PolicyPort p : ports) {
      String text =
          p.port() == null
              ? "all"
              : p.endPort() > 0 ? p.port() + "-" + p.endPort() : p.port().toString();
      parts.add(p.protocol() + " " + text);
    }
    return String.join(", ", parts);
  }
}
