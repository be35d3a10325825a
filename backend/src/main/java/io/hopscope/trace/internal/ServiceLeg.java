package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Service load balancing: ExternalName, headless, and ClusterIP or LoadBalancer IP through the
 * proxy.
 */
final class ServiceLeg {

  private final WalkState w;
  private final PolicyHops policyHops;
  private final Sidecars sidecars;
  private final ContainerPorts ports;
  private final ServiceBackends serviceBackends;
  private final PodDelivery delivery;
  private final PodLeg podLeg;
  private final Loopback loopback;
  private final ExternalEgress outside;

  ServiceLeg(
      WalkState w,
      PolicyHops policyHops,
      Sidecars sidecars,
      ContainerPorts ports,
      ServiceBackends serviceBackends,
      PodDelivery delivery,
      PodLeg podLeg,
      Loopback loopback,
      ExternalEgress outside) {
    this.w = w;
    this.policyHops = policyHops;
    this.sidecars = sidecars;
    this.ports = ports;
    this.serviceBackends = serviceBackends;
    this.delivery = delivery;
    this.podLeg = podLeg;
    this.loopback = loopback;
    this.outside = outside;
  }

  void toService(Service service, boolean resolvedByDns) {
    switch (service.type()) {
      case EXTERNAL_NAME -> {
        w.h.add(
            Component.DNS,
            Action.RESOLVED,
            w.src.nodeName(),
            "",
            service.externalName(),
            service.ref()
                + " is an ExternalName Service: its name is a CNAME for "
                + service.externalName()
                + "; no proxying, no endpoints",
            "CNAME " + service.externalName(),
            WalkState.exec(
                w.src, w.srcContainer, "nslookup " + service.name() + "." + service.namespace()));
        outside.outsideByName(service.externalName());
      }
      default -> {
        if (service.headless() || service.clusterIps().isEmpty()) {
          toHeadless(service, resolvedByDns);
        } else {
          toClusterIp(service, service.clusterIps().get(0), ServiceProxy.Entry.CLUSTER_IP);
        }
      }
    }
  }

  private void toHeadless(Service service, boolean resolvedByDns) {
    List<Endpoint> ready = w.ctx.readyEndpoints(service);
    Optional<ServicePort> sp = servicePort(service);
    int targetPort = w.port;
    if (sp.isPresent() && !sp.get().targetPort().isNamed()) {
      targetPort = sp.get().targetPort().number();
    }
    if (ready.isEmpty()) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.NO_READY_ENDPOINTS,
              "headless Service " + service.ref() + " has no ready endpoints"));
      w.h.add(
          Component.DNS,
          Action.DROPPED,
          w.src.nodeName(),
          "",
          service.name() + "." + service.namespace(),
          "headless Service "
              + service.ref()
              + ": DNS returns one A record per ready endpoint, and there is none",
          "no records",
          "kubectl get endpointslices -n "
              + service.namespace()
              + " -l kubernetes.io/service-name="
              + service.name());
      w.unreachable("headless Service " + service.ref() + " has no ready endpoints");
      return;
    }
    Endpoint chosen = ready.get(0);
    String records = ready.stream().map(Endpoint::address).collect(Collectors.joining(", "));
    w.h.add(
        Component.DNS,
        Action.RESOLVED,
        w.src.nodeName(),
        "",
        chosen.address(),
        "headless Service "
            + service.ref()
            + " has no ClusterIP and no load balancing: "
            + (resolvedByDns ? "the answer lists" : "DNS answers with")
            + " the ready endpoints "
            + records
            + "; the client usually takes the first, "
            + chosen.address(),
        "A " + chosen.address(),
        WalkState.exec(
            w.src, w.srcContainer, "nslookup " + service.name() + "." + service.namespace()));
    w.port = targetPort;
    Optional<Pod> pod = w.ctx.endpointPod(chosen);
    if (pod.isPresent()) {
      if (pod.get().ref().equals(w.src.ref())) {
        loopback.deliver("");
      } else {
        podLeg.toPod(pod.get(), "");
      }
    } else {
      outside.toOutside(chosen.address(), chosen.address(), "");
    }
  }

  private Optional<ServicePort> servicePort(Service service) {
    return service.ports().stream()
        .filter(p -> p.port() == w.port && p.protocol() == w.protocol)
        .findFirst();
  }

  /** A ClusterIP (or LoadBalancer IP, which kube-proxy captures on every node) from a pod. */
  void toClusterIp(Service service, String vip, ServiceProxy.Entry entry) {
    Optional<ServicePort> found = servicePort(service);
    if (found.isEmpty()) {
      noSuchPort(service, vip);
      return;
    }
    ServicePort sp = found.get();
    boolean localOnly = "Local".equals(service.internalTrafficPolicy());
    List<ServiceProxy.Backend> backends =
        serviceBackends.serving(service, sp, localOnly ? w.src.nodeName() : null);
    ServiceProxy proxy = w.ctx.proxy();
    boolean socket = proxy.socketLevel(entry);
    if (backends.isEmpty()) {
      String why =
          w.ctx.readyEndpoints(service).isEmpty()
              ? "no ready endpoints"
              : localOnly
                  ? "internalTrafficPolicy Local and no ready endpoint on " + w.src.nodeName()
                  : "no endpoint serves the target port";
      w.findings.add(
          Finding.warning(
              Finding.Kind.NO_READY_ENDPOINTS,
              "Service " + service.ref() + " port " + w.port + "/" + w.protocol + ": " + why));
      if (!socket && !w.src.hostNetwork()) {
        w.datapath.leavePod(w.h, w.src, w.srcContainer, vip, false);
      }
      proxy.noEndpoints(w.h, w.src.nodeName(), service, sp, vip, w.port, why);
      w.unreachable("Service " + service.ref() + " has " + why);
      return;
    }
    ServiceProxy.Backend chosen = backends.get(0);
    int vipPort = w.port;
    if (chosen.pod() == null) {
      if (socket) {
        proxy.dnat(w.h, w.src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      } else {
        if (!w.src.hostNetwork()) {
          w.datapath.leavePod(w.h, w.src, w.srcContainer, vip, false);
        }
        proxy.dnat(w.h, w.src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      }
      w.port = chosen.port();
      outside.toOutsideAfterLeaving(chosen.address(), chosen.address());
      return;
    }
    Pod dst = chosen.pod();
    w.port = chosen.port();
    ports.checkPortConflicts(dst);
    Verdict verdict =
        policyHops.evaluate(
            new PolicyEndpoint.PodPeer(w.src), new PolicyEndpoint.PodPeer(dst), w.port);
    w.policy = verdict;
    sidecars.outbound(dst);
    boolean sameNode = w.src.nodeName().equals(dst.nodeName());
    if (socket) {
      proxy.dnat(w.h, w.src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      if (!w.src.hostNetwork()) {
        w.datapath.leavePod(
            w.h,
            w.src,
            w.srcContainer,
            dst.primaryIp(),
            sameNode && !dst.ref().equals(w.src.ref()));
      }
    } else {
      if (!w.src.hostNetwork()) {
        w.datapath.leavePod(w.h, w.src, w.srcContainer, vip, false);
      }
      proxy.dnat(w.h, w.src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
    }
    if (dst.ref().equals(w.src.ref()) && !w.src.hostNetwork()) {
      Node node = w.ctx.node(w.src.nodeName()).orElseThrow();
      w.h.add(
          Component.SERVICE_LB,
          Action.SNAT,
          w.src.nodeName(),
          "",
          w.src.primaryIp() + " -> " + node.internalIp(),
          "hairpin: the chosen endpoint is the sender itself, so kube-proxy marks the packet for masquerade (KUBE-MARK-MASQ)",
          "hairpin SNAT",
          "iptables -t nat -S KUBE-POSTROUTING");
    }
    if (!policyHops.egressHop(verdict, dst.primaryIp() + ":" + w.port)) {
      return;
    }
    if (sameNode) {
      if (socket && !w.src.hostNetwork() && !dst.ref().equals(w.src.ref())) {
        w.datapath.betweenLocalPods(w.h, w.src, dst);
      } else {
        w.datapath.hostToLocalPod(w.h, w.src.nodeName(), dst);
      }
    } else {
      delivery.crossNodes(w.src.nodeName(), dst);
    }
    delivery.arrive(dst, "", verdict);
  }

  /**
   * The Service has no port with the requested number. When the number is one of its node ports,
   * says where a node port is reached (a node address) and which trace shows it.
   */
  private void noSuchPort(Service service, String vip) {
    String ports =
        service.ports().stream()
            .map(p -> p.port() + "/" + p.protocol())
            .collect(Collectors.joining(", "));
    Optional<ServicePort> nodePort =
        service.ports().stream()
            .filter(p -> p.nodePort() == w.port && p.protocol() == w.protocol)
            .findFirst();
    String missing = "Service " + service.ref() + " has no port " + w.port + "/" + w.protocol;
    String why =
        nodePort
            .map(
                p ->
                    missing
                        + ": "
                        + w.port
                        + " is the node port of its port "
                        + p.port()
                        + "/"
                        + p.protocol()
                        + ", reached at a node address, not at the Service's cluster address;"
                        + " trace to=ip:"
                        + nodeAddress()
                        + "&port="
                        + w.port
                        + " for the node port, or port="
                        + p.port()
                        + " for the Service")
            .orElse(missing + " (ports: " + (ports.isEmpty() ? "none" : ports) + ")");
    w.findings.add(Finding.warning(Finding.Kind.SERVICE_PORT_NOT_FOUND, why));
    w.h.add(
        Component.SERVICE_LB,
        Action.DROPPED,
        w.src.nodeName(),
        "",
        vip + ":" + w.port,
        "no proxy rule matches "
            + vip
            + ":"
            + w.port
            + "/"
            + w.protocol
            + ": Service "
            + service.ref()
            + " only has "
            + (ports.isEmpty() ? "no ports" : ports)
            + nodePort
                .map(p -> " (" + w.port + " is its node port, served on the nodes' addresses)")
                .orElse(""),
        "no such port",
        "kubectl get svc -n " + service.namespace() + " " + service.name() + " -o yaml");
    w.unreachable(
        nodePort.isPresent()
            ? missing
                + " ("
                + w.port
                + " is its node port: trace to=ip:"
                + nodeAddress()
                + "&port="
                + w.port
                + ")"
            : missing);
  }

  /** A node address to reach a node port at: the source's node, else any node with an address. */
  private String nodeAddress() {
    return w.ctx
        .node(w.src.nodeName())
        .map(Node::internalIp)
        .filter(ip -> !ip.isEmpty())
        .or(
            () ->
                w.ctx.state().nodes().stream()
                    .map(Node::internalIp)
                    .filter(ip -> !ip.isEmpty())
                    .findFirst())
        .orElse("NODE_IP");
  }
}
