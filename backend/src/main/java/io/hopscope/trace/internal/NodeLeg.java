package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import java.util.List;
import java.util.Optional;

/**
 * Legs to a node address: NodePort Services, hostNetwork pods and node processes, over the node
 * network.
 */
final class NodeLeg {

  private final WalkState w;
  private final PolicyHops policyHops;
  private final PodDelivery delivery;
  private final ExternalEgress outside;
  private final ServiceBackends serviceBackends;

  NodeLeg(
      WalkState w,
      PolicyHops policyHops,
      PodDelivery delivery,
      ExternalEgress outside,
      ServiceBackends serviceBackends) {
    this.w = w;
    this.policyHops = policyHops;
    this.delivery = delivery;
    this.outside = outside;
    this.serviceBackends = serviceBackends;
  }

  void toNodeAddress(Node node, String address) {
    for (Service service : w.ctx.state().services()) {
      if (service.type() != ServiceType.NODE_PORT && service.type() != ServiceType.LOAD_BALANCER) {
        continue;
      }
      for (ServicePort sp : service.ports()) {
        if (sp.nodePort() == w.port && sp.protocol() == w.protocol) {
          toNodePort(node, address, service, sp);
          return;
        }
      }
    }
    Optional<Pod> hostPod =
        w.ctx.index().podsOnNode(node.name()).stream()
            .filter(Pod::hostNetwork)
            .filter(
                p ->
                    p.containers().stream()
                        .anyMatch(
                            c ->
                                c.ports().stream()
                                    .anyMatch(
                                        cp ->
                                            cp.containerPort() == w.port
                                                && cp.protocol() == w.protocol)))
            .sorted((a, b) -> a.ref().compareTo(b.ref()))
            .findFirst();
    w.note(
        address
            + " is node "
            + node.name()
            + hostPod
                .map(p -> ", where hostNetwork pod " + p.ref() + " declares port " + w.port)
                .orElse(""));
    toHost(node, address, hostPod.orElse(null), new PolicyEndpoint.IpPeer(address));
  }

  /** The node's own network namespace: a hostNetwork pod or a node process. */
  void toHost(Node node, String address, Pod hostPod, PolicyEndpoint peer) {
    Verdict verdict = policyHops.evaluate(new PolicyEndpoint.PodPeer(w.src), peer, w.port);
    w.policy = verdict;
    boolean sameNode = node.name().equals(w.src.nodeName());
    if (!w.src.hostNetwork()) {
      w.datapath.leavePod(w.h, w.src, w.srcContainer, address, false);
    }
    if (!policyHops.egressHop(verdict, address + ":" + w.port)) {
      return;
    }
    if (sameNode) {
      w.h.add(
          Component.ROUTING,
          Action.FORWARDED,
          node.name(),
          "lo",
          address,
          address
              + " is a local address of "
              + node.name()
              + ": delivered to the node's own network namespace (route table local)",
          "local",
          "ip route get " + address);
    } else {
      toNodeOverUnderlay(node, address);
    }
    w.h.add(
        Component.NETWORK_POLICY,
        Action.FORWARDED,
        node.name(),
        "",
        address + ":" + w.port,
        "ingress: the destination is "
            + (hostPod == null ? "the node itself" : "hostNetwork pod " + hostPod.ref())
            + "; pod NetworkPolicy does not apply to the node's network namespace",
        "no pod policy",
        "kubectl get networkpolicy -A");
    String what =
        hostPod == null
            ? "a process of node " + node.name()
            : "hostNetwork pod "
                + hostPod.ref()
                + " (node "
                + node.name()
                + "'s network namespace)";
    if (hostPod == null) {
      w.findings.add(
          Finding.info(
              Finding.Kind.PORT_NOT_DECLARED,
              "no hostNetwork pod on "
                  + node.name()
                  + " declares port "
                  + w.port
                  + "/"
                  + w.protocol
                  + "; delivery depends on a node process listening on it"));
    }
    w.h.add(
        Component.CONTAINER,
        Action.DELIVERED,
        node.name(),
        w.devices().uplink(node.name()),
        address + ":" + w.port,
        "delivered to " + what,
        "delivered",
        "ss -ltnp sport = :" + w.port);
    w.reason = "delivered to " + what + " at " + address + ":" + w.port;
  }

  /** From the source's node to another node's address over the node network. */
  private void toNodeOverUnderlay(Node node, String address) {
    Node from = w.ctx.node(w.src.nodeName()).orElseThrow();
    String uplink = w.devices().uplink(from.name());
    boolean snat = !w.src.hostNetwork() && w.datapath.masqueradesToNodes();
    w.h.add(
        Component.ROUTING,
        Action.FORWARDED,
        from.name(),
        uplink,
        address,
        address + " is on the node network: routed out of " + uplink + " (no tunnel)",
        "route dev " + uplink,
        "ip route get " + address);
    if (snat) {
      w.h.add(
          Component.ROUTING,
          Action.SNAT,
          from.name(),
          uplink,
          w.src.primaryIp() + " -> " + from.internalIp(),
          w.datapath.masqueradeDetail()
              + ": source "
              + w.src.primaryIp()
              + " becomes "
              + from.internalIp(),
          "SNAT " + from.internalIp(),
          w.datapath.masqueradeVerify(from.name()));
    }
    w.h.add(
        Component.UNDERLAY,
        Action.FORWARDED,
        from.name(),
        uplink,
        (snat ? from.internalIp() : w.src.primaryIp()) + " -> " + address,
        "crosses the node network to " + node.name(),
        "underlay",
        "tcpdump -ni " + uplink + " host " + address + " and port " + w.port);
  }

  private void toNodePort(Node node, String address, Service service, ServicePort sp) {
    Verdict egress =
        policyHops.evaluate(
            new PolicyEndpoint.PodPeer(w.src), new PolicyEndpoint.IpPeer(address), w.port);
    w.policy = egress;
    if (!w.src.hostNetwork()) {
      w.datapath.leavePod(w.h, w.src, w.srcContainer, address, false);
    }
    if (!policyHops.egressHop(egress, address + ":" + w.port)) {
      return;
    }
    boolean sameNode = node.name().equals(w.src.nodeName());
    String seenSource =
        w.src.hostNetwork()
            ? w.ctx.node(w.src.nodeName()).map(Node::internalIp).orElse(w.src.primaryIp())
            : w.src.primaryIp();
    if (!sameNode) {
      toNodeOverUnderlay(node, address);
      if (!w.src.hostNetwork() && w.datapath.masqueradesToNodes()) {
        seenSource = w.ctx.node(w.src.nodeName()).map(Node::internalIp).orElse(seenSource);
      }
    }
    boolean local = "Local".equals(service.externalTrafficPolicy());
    List<ServiceProxy.Backend> backends =
        serviceBackends.serving(service, sp, local ? node.name() : null);
    int nodePort = w.port;
    if (backends.isEmpty()) {
      String why =
          w.ctx.readyEndpoints(service).isEmpty()
              ? "no ready endpoints"
              : local
                  ? "externalTrafficPolicy Local and no ready endpoint on " + node.name()
                  : "no endpoint serves the target port";
      w.findings.add(
          Finding.warning(
              Finding.Kind.NO_READY_ENDPOINTS,
              "Service " + service.ref() + " NodePort " + nodePort + ": " + why));
      w.ctx.proxy().noEndpoints(w.h, node.name(), service, sp, address, nodePort, why);
      w.unreachable("Service " + service.ref() + " has " + why);
      return;
    }
    ServiceProxy.Backend chosen = backends.get(0);
    w.ctx
        .proxy()
        .dnat(
            w.h,
            node.name(),
            service,
            sp,
            address,
            nodePort,
            ServiceProxy.Entry.NODE_PORT,
            backends,
            chosen);
    w.port = chosen.port();
    if (!local) {
      w.h.add(
          Component.SERVICE_LB,
          Action.SNAT,
          node.name(),
          "",
          seenSource + " -> " + node.internalIp(),
          "externalTrafficPolicy Cluster: NodePort traffic is masqueraded to "
              + node.name()
              + "'s address so replies come back through it"
              + " (the client address is lost)",
          "SNAT " + node.internalIp(),
          "iptables -t nat -S KUBE-POSTROUTING");
      seenSource = node.internalIp();
    }
    if (chosen.pod() == null) {
      outside.toOutsideAfterLeaving(chosen.address(), chosen.address());
      return;
    }
    Pod dst = chosen.pod();
    if (dst.nodeName().equals(node.name())) {
      w.datapath.hostToLocalPod(w.h, node.name(), dst);
    } else {
      delivery.crossNodes(node.name(), dst);
    }
    Verdict ingress =
        policyHops.evaluate(
            new PolicyEndpoint.IpPeer(seenSource), new PolicyEndpoint.PodPeer(dst), w.port);
    if (ingress.ingress() != null && !ingress.ingress().allowed()) {
      w.policy = ingress;
    }
    delivery.arrive(dst, "", ingress);
  }
}
