package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Verdict;
import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import io.hopscope.topology.Sidecar;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import io.hopscope.trace.TraceException;
import io.hopscope.trace.TraceRequest;
import io.hopscope.trace.TraceVerdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Walks one packet from the source pod to its target, hop by hop: the source's container and
 * sidecar, DNS when the target is a name, Service load balancing, egress policy at the source,
 * the CNI's forwarding (same node, across nodes, out of the cluster), ingress policy at the
 * destination, and delivery. One instance per request; not thread-safe.
 */
public final class PathWalk {

  /** What the walk found. */
  public record Result(List<HopRecorder.Step> steps, TraceVerdict verdict, String reason, Verdict policy,
      List<Finding> findings, int port, String datapath) {}

  /** Address used to judge egress policy towards a name that resolves outside the cluster (TEST-NET-1). */
  static final String EXTERNAL_PLACEHOLDER = "192.0.2.1";

  private final TraceContext ctx;
  private final TraceRequest request;
  private final Datapath datapath;
  private final HopRecorder h;
  private final Set<Finding> findings = new LinkedHashSet<>();
  private final Protocol protocol;
  private Pod src;
  private String srcContainer;
  private TraceVerdict verdict = TraceVerdict.ALLOWED;
  private String reason = "";
  private Verdict policy;
  private int port;
  private int requestedPort;

  public PathWalk(TraceContext ctx, TraceRequest request) {
    this.ctx = ctx;
    this.request = request;
    this.datapath = ctx.datapath();
    this.h = new HopRecorder(datapath.assumed());
    this.protocol = request.protocol();
    this.port = request.port();
  }

  /** Resolves the request against the state (404s and 400s as {@link TraceException}) and walks it. */
  public Result walk() {
    src = ctx.index().pod(request.from())
        .orElseThrow(() -> TraceException.notFound("from", "no pod " + request.from() + " in this cluster state"));
    srcContainer = sourceContainer();
    if (datapath.assumed()) {
      findings.add(Finding.info(Finding.Kind.ASSUMED_DATAPATH,
          "the datapath is a generic L3 model (" + datapath.assumedBecause() + "); device names and hops are assumed"));
    }
    if (!running(src)) {
      findings.add(Finding.warning(Finding.Kind.POD_NOT_RUNNING, "source pod " + src.ref() + " is " + describeState(src)));
      unreachable("the source pod " + src.ref() + " is " + describeState(src));
      return result();
    }
    EndpointRef to = request.to();
    if (to instanceof EndpointRef.PodEndpoint target) {
      toPodTarget(target);
    } else if (to instanceof EndpointRef.ServiceEndpoint target) {
      toServiceTarget(target.service());
    } else if (to instanceof EndpointRef.DnsEndpoint target) {
      toName(target.name());
    } else if (to instanceof EndpointRef.IpEndpoint target) {
      toAddress(target.address());
    }
    return result();
  }

  private Result result() {
    List<Finding> sorted = findings.stream()
        .sorted((a, b) -> a.severity().compareTo(b.severity()))
        .toList();
    String why = notes.isEmpty() ? reason : reason + " (" + String.join("; ", notes) + ")";
    return new Result(h.steps(), verdict, why, policy, sorted, requestedPort == 0 ? port : requestedPort, datapath.describe() + ", " + ctx.proxy().describe());
  }

  // ---------------------------------------------------------------- targets

  private void toPodTarget(EndpointRef.PodEndpoint target) {
    Pod dst = ctx.index().pod(target.pod())
        .orElseThrow(() -> TraceException.notFound("to", "no pod " + target.pod() + " in this cluster state"));
    if (!target.container().isEmpty() && dst.container(target.container()).isEmpty()) {
      throw TraceException.notFound("to", "pod " + dst.ref() + " has no container '" + target.container() + "' (containers: "
          + dst.containers().stream().map(Container::name).collect(Collectors.joining(", ")) + ")");
    }
    if (port == 0) {
      port = firstPort(dst, target.container()).orElseThrow(() -> TraceException.invalid("port",
          "port is required: pod " + dst.ref() + " declares no " + protocol + " port"));
    }
    start(dst.ref() + (target.container().isEmpty() ? "" : ":" + target.container()) + " at " + dst.primaryIp() + ":" + port);
    if (dst.ref().equals(src.ref())) {
      loopback(target.container());
      return;
    }
    toPod(dst, target.container());
  }

  private void toServiceTarget(PodRef ref) {
    Service service = ctx.index().service(ref)
        .orElseThrow(() -> TraceException.notFound("to", "no Service " + ref + " in this cluster state"));
    if (port == 0) {
      port = service.ports().stream().filter(p -> p.protocol() == protocol).map(ServicePort::port).findFirst()
          .orElseThrow(() -> TraceException.invalid("port", "port is required: Service " + ref + " has no " + protocol + " port"));
    }
    start("Service " + ref + (service.clusterIps().isEmpty() ? "" : " at " + service.clusterIps().get(0)) + ":" + port);
    toService(service, false);
  }

  private void toName(String name) {
    if (port == 0) {
      throw TraceException.invalid("port", "port is required for a dns: target");
    }
    start(name + ":" + port);
    resolveName(name);
  }

  private void toAddress(String address) {
    if (port == 0) {
      throw TraceException.invalid("port", "port is required for an ip: target");
    }
    start(address + ":" + port);
    Optional<Pod> pod = ctx.index().podByIp(address);
    if (pod.isPresent()) {
      note(pod.get().ref() + " owns " + address);
      if (pod.get().ref().equals(src.ref())) {
        loopback("");
      } else {
        toPod(pod.get(), "");
      }
      return;
    }
    Optional<Service> service = ctx.index().serviceByClusterIp(address);
    if (service.isPresent()) {
      toService(service.get(), false);
      return;
    }
    Optional<Service> balanced = ctx.serviceByLoadBalancerIp(address);
    if (balanced.isPresent()) {
      toClusterIp(balanced.get(), address, ServiceProxy.Entry.LOAD_BALANCER);
      return;
    }
    Optional<Node> node = ctx.nodeByIp(address);
    if (node.isPresent()) {
      toNodeAddress(node.get(), address);
      return;
    }
    if (ctx.inPodNetwork(address)) {
      nobodyHas(Component.ROUTING, address, "pod", "the pod network", "the route leads nowhere", "kubectl get pods -A -o wide");
    } else if (ctx.inServiceNetwork(address)) {
      nobodyHas(Component.SERVICE_LB, address, "Service", "the Service range", "no proxy rule matches", "kubectl get svc -A");
    } else {
      toOutside(address, address, "");
    }
  }

  /** An address inside a cluster range that nothing owns: dropped where the lookup fails. */
  private void nobodyHas(Component component, String address, String what, String range, String consequence, String list) {
    h.add(component, Action.DROPPED, src.nodeName(), "", address,
        address + " is in " + range + " but no " + what + " has it; " + consequence, "no such " + what, list + " | grep " + address);
    unreachable("no " + what + " has the address " + address);
  }

  // ---------------------------------------------------------------- pods

  private void loopback(String targetContainer) {
    List<Container> declaring = src.containers().stream().filter(c -> !c.init())
        .filter(c -> c.ports().stream().anyMatch(p -> p.containerPort() == port && p.protocol() == protocol)).toList();
    if (declaring.size() > 1) {
      findings.add(Finding.warning(Finding.Kind.PORT_CONFLICT, "containers " + declaring.stream().map(Container::name)
          .collect(Collectors.joining(" and ")) + " of " + src.ref() + " both declare port " + port + "/" + protocol
          + "; they share one network namespace, so only one can bind it"));
    }
    String receiver;
    if (!declaring.isEmpty()) {
      receiver = declaring.get(0).name();
      if (!targetContainer.isEmpty() && !targetContainer.equals(receiver) && declaring.stream().noneMatch(c -> c.name().equals(targetContainer))) {
        note("port " + port + " belongs to container " + receiver + ", not " + targetContainer + ": containers of a pod share one network namespace, so the port decides");
      } else if (!targetContainer.isEmpty()) {
        receiver = targetContainer;
      }
    } else {
      receiver = targetContainer.isEmpty() ? "(no container declares it)" : targetContainer;
      findings.add(Finding.info(Finding.Kind.PORT_NOT_DECLARED, "no container of " + src.ref() + " declares port " + port + "/" + protocol
          + "; the connection is refused unless a process listens on it anyway"));
    }
    h.add(Component.LOOPBACK, Action.FORWARDED, src.nodeName(), "lo", "127.0.0.1:" + port,
        "containers of one pod share its network namespace: " + srcContainer + " reaches " + receiver + " over localhost; no veth, no CNI, no NetworkPolicy",
        "localhost", exec(src, srcContainer, "ss -ltnp"));
    h.add(Component.CONTAINER, Action.DELIVERED, src.nodeName(), "", "127.0.0.1:" + port,
        "delivered to container " + receiver + " of " + src.ref(), "delivered", exec(src, srcContainer, "ss -ltn sport = :" + port));
    reason = "delivered over localhost inside " + src.ref();
  }

  /** A pod of the cluster reached on its own address (no Service in between). */
  private void toPod(Pod dst, String dstContainer) {
    if (!running(dst)) {
      findings.add(Finding.warning(Finding.Kind.POD_NOT_RUNNING, "destination pod " + dst.ref() + " is " + describeState(dst)));
      h.add(Component.ROUTING, Action.DROPPED, src.nodeName(), "", dst.ref().toString(), dst.ref() + " is " + describeState(dst) + ": nothing receives the packet",
          "not running", "kubectl get pod -n " + dst.namespace() + " " + dst.name() + " -o wide");
      unreachable("the destination pod " + dst.ref() + " is " + describeState(dst));
      return;
    }
    checkPortConflicts(dst);
    if (dst.hostNetwork()) {
      Node node = ctx.node(dst.nodeName()).orElseThrow();
      toHost(node, dst.primaryIp(), dst, new PolicyEndpoint.PodPeer(dst));
      return;
    }
    Verdict verdict = evaluate(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.PodPeer(dst), port);
    policy = verdict;
    sidecarOut(dst);
    boolean sameNode = src.nodeName().equals(dst.nodeName());
    if (!src.hostNetwork()) {
      datapath.leavePod(h, src, srcContainer, dst.primaryIp(), sameNode);
    }
    if (!egressHop(verdict, dst.primaryIp() + ":" + port)) {
      return;
    }
    if (sameNode) {
      if (src.hostNetwork()) {
        datapath.hostToLocalPod(h, src.nodeName(), dst);
      } else {
        datapath.betweenLocalPods(h, src, dst);
      }
    } else {
      crossNodes(src.nodeName(), dst);
    }
    arrive(dst, dstContainer, verdict);
  }

  /** Ingress policy, the destination veth and eth0, its sidecar, the receiving container. */
  private void arrive(Pod dst, String dstContainer, Verdict verdict) {
    if (!ingressHop(verdict, dst)) {
      return;
    }
    datapath.enterPod(h, dst, port);
    sidecarIn(dst);
    String receiver = receivingContainer(dst, dstContainer);
    h.add(Component.CONTAINER, Action.DELIVERED, dst.nodeName(), "", dst.primaryIp() + ":" + port,
        "delivered to container " + receiver + " of " + dst.ref() + declaredAs(dst, receiver), "delivered",
        exec(dst, receiver.startsWith("(") ? "" : receiver, "ss -ltn sport = :" + port));
    reason = "delivered to " + dst.ref() + " (" + dst.primaryIp() + ":" + port + "/" + protocol + ")";
  }

  private void crossNodes(String fromNode, Pod dst) {
    Node from = ctx.node(fromNode).orElseThrow(() -> TraceException.notFound("from", "node " + fromNode + " is not in this cluster state"));
    Node to = ctx.node(dst.nodeName()).orElseThrow(() -> TraceException.notFound("to", "node " + dst.nodeName() + " is not in this cluster state"));
    checkMtu(from, dst);
    datapath.acrossNodes(h, from, to, dst);
  }

  // ---------------------------------------------------------------- Services

  private void toService(Service service, boolean resolvedByDns) {
    switch (service.type()) {
      case EXTERNAL_NAME -> {
        h.add(Component.DNS, Action.RESOLVED, src.nodeName(), "", service.externalName(),
            service.ref() + " is an ExternalName Service: its name is a CNAME for " + service.externalName() + "; no proxying, no endpoints",
            "CNAME " + service.externalName(), exec(src, srcContainer, "nslookup " + service.name() + "." + service.namespace()));
        outsideByName(service.externalName());
      }
      case HEADLESS -> toHeadless(service, resolvedByDns);
      default -> {
        if (service.clusterIps().isEmpty()) {
          toHeadless(service, resolvedByDns);
        } else {
          toClusterIp(service, service.clusterIps().get(0), ServiceProxy.Entry.CLUSTER_IP);
        }
      }
    }
  }

  private void toHeadless(Service service, boolean resolvedByDns) {
    List<Endpoint> ready = ctx.readyEndpoints(service);
    Optional<ServicePort> sp = servicePort(service);
    int targetPort = port;
    if (sp.isPresent() && !sp.get().targetPort().isNamed()) {
      targetPort = sp.get().targetPort().number();
    }
    if (ready.isEmpty()) {
      findings.add(Finding.warning(Finding.Kind.NO_READY_ENDPOINTS, "headless Service " + service.ref() + " has no ready endpoints"));
      h.add(Component.DNS, Action.DROPPED, src.nodeName(), "", service.name() + "." + service.namespace(),
          "headless Service " + service.ref() + ": DNS returns one A record per ready endpoint, and there is none", "no records",
          "kubectl get endpointslices -n " + service.namespace() + " -l kubernetes.io/service-name=" + service.name());
      unreachable("headless Service " + service.ref() + " has no ready endpoints");
      return;
    }
    Endpoint chosen = ready.get(0);
    String records = ready.stream().map(Endpoint::address).collect(Collectors.joining(", "));
    h.add(Component.DNS, Action.RESOLVED, src.nodeName(), "", chosen.address(),
        "headless Service " + service.ref() + " has no ClusterIP and no load balancing: "
            + (resolvedByDns ? "the answer lists" : "DNS answers with") + " the ready endpoints " + records
            + "; the client usually takes the first, " + chosen.address(),
        "A " + chosen.address(), exec(src, srcContainer, "nslookup " + service.name() + "." + service.namespace()));
    port = targetPort;
    Optional<Pod> pod = ctx.endpointPod(chosen);
    if (pod.isPresent()) {
      if (pod.get().ref().equals(src.ref())) {
        loopback("");
      } else {
        toPod(pod.get(), "");
      }
    } else {
      toOutside(chosen.address(), chosen.address(), "");
    }
  }

  private Optional<ServicePort> servicePort(Service service) {
    return service.ports().stream().filter(p -> p.port() == port && p.protocol() == protocol).findFirst();
  }

  /** A ClusterIP (or LoadBalancer IP, which kube-proxy captures on every node) from a pod. */
  private void toClusterIp(Service service, String vip, ServiceProxy.Entry entry) {
    Optional<ServicePort> found = servicePort(service);
    if (found.isEmpty()) {
      String ports = service.ports().stream().map(p -> p.port() + "/" + p.protocol()).collect(Collectors.joining(", "));
      findings.add(Finding.warning(Finding.Kind.SERVICE_PORT_NOT_FOUND,
          "Service " + service.ref() + " has no port " + port + "/" + protocol + " (ports: " + (ports.isEmpty() ? "none" : ports) + ")"));
      h.add(Component.SERVICE_LB, Action.DROPPED, src.nodeName(), "", vip + ":" + port,
          "no proxy rule matches " + vip + ":" + port + "/" + protocol + ": Service " + service.ref() + " only has " + (ports.isEmpty() ? "no ports" : ports),
          "no such port", "kubectl get svc -n " + service.namespace() + " " + service.name() + " -o yaml");
      unreachable("Service " + service.ref() + " has no port " + port + "/" + protocol);
      return;
    }
    ServicePort sp = found.get();
    boolean localOnly = "Local".equals(service.internalTrafficPolicy());
    List<ServiceProxy.Backend> backends = backends(service, sp, localOnly ? src.nodeName() : null);
    ServiceProxy proxy = ctx.proxy();
    boolean socket = proxy.socketLevel(entry);
    if (backends.isEmpty()) {
      String why = ctx.readyEndpoints(service).isEmpty() ? "no ready endpoints"
          : localOnly ? "internalTrafficPolicy Local and no ready endpoint on " + src.nodeName() : "no endpoint serves the target port";
      findings.add(Finding.warning(Finding.Kind.NO_READY_ENDPOINTS, "Service " + service.ref() + " port " + port + "/" + protocol + ": " + why));
      if (!socket && !src.hostNetwork()) {
        datapath.leavePod(h, src, srcContainer, vip, false);
      }
      proxy.noEndpoints(h, src.nodeName(), service, sp, vip, port, why);
      unreachable("Service " + service.ref() + " has " + why);
      return;
    }
    ServiceProxy.Backend chosen = backends.get(0);
    int vipPort = port;
    if (chosen.pod() == null) {
      if (socket) {
        proxy.dnat(h, src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      } else {
        if (!src.hostNetwork()) {
          datapath.leavePod(h, src, srcContainer, vip, false);
        }
        proxy.dnat(h, src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      }
      port = chosen.port();
      toOutsideAfterLeaving(chosen.address(), chosen.address());
      return;
    }
    Pod dst = chosen.pod();
    port = chosen.port();
    checkPortConflicts(dst);
    Verdict verdict = evaluate(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.PodPeer(dst), port);
    policy = verdict;
    sidecarOut(dst);
    boolean sameNode = src.nodeName().equals(dst.nodeName());
    if (socket) {
      proxy.dnat(h, src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
      if (!src.hostNetwork()) {
        datapath.leavePod(h, src, srcContainer, dst.primaryIp(), sameNode && !dst.ref().equals(src.ref()));
      }
    } else {
      if (!src.hostNetwork()) {
        datapath.leavePod(h, src, srcContainer, vip, false);
      }
      proxy.dnat(h, src.nodeName(), service, sp, vip, vipPort, entry, backends, chosen);
    }
    if (dst.ref().equals(src.ref()) && !src.hostNetwork()) {
      Node node = ctx.node(src.nodeName()).orElseThrow();
      h.add(Component.SERVICE_LB, Action.SNAT, src.nodeName(), "", src.primaryIp() + " -> " + node.internalIp(),
          "hairpin: the chosen endpoint is the sender itself, so kube-proxy marks the packet for masquerade (KUBE-MARK-MASQ)",
          "hairpin SNAT", "iptables -t nat -S KUBE-POSTROUTING");
    }
    if (!egressHop(verdict, dst.primaryIp() + ":" + port)) {
      return;
    }
    if (sameNode) {
      if (socket && !src.hostNetwork() && !dst.ref().equals(src.ref())) {
        datapath.betweenLocalPods(h, src, dst);
      } else {
        datapath.hostToLocalPod(h, src.nodeName(), dst);
      }
    } else {
      crossNodes(src.nodeName(), dst);
    }
    arrive(dst, "", verdict);
  }

  /** Ready endpoints that serve the Service port, with their resolved target port, first by address. */
  private List<ServiceProxy.Backend> backends(Service service, ServicePort sp, String onlyNode) {
    List<ServiceProxy.Backend> out = new ArrayList<>();
    for (Endpoint endpoint : ctx.readyEndpoints(service)) {
      if (onlyNode != null && !onlyNode.equals(endpoint.nodeName())) {
        continue;
      }
      Pod pod = ctx.endpointPod(endpoint).orElse(null);
      int target = targetPort(service, sp, endpoint, pod);
      if (target <= 0) {
        continue;
      }
      out.add(new ServiceProxy.Backend(endpoint.address(), target, pod, pod == null ? endpoint.nodeName() : pod.nodeName()));
    }
    return out;
  }

  private int targetPort(Service service, ServicePort sp, Endpoint endpoint, Pod pod) {
    if (!sp.targetPort().isNamed()) {
      return sp.targetPort().number();
    }
    if (pod != null) {
      Optional<ContainerPort> named = pod.namedPort(sp.targetPort().name(), sp.protocol());
      if (named.isPresent()) {
        return named.get().containerPort();
      }
    } else {
      // Not a pod we know: the EndpointSlice carries the resolved number under the Service port's name.
      for (ContainerPort p : endpoint.ports()) {
        if (p.name().equals(sp.name()) && p.protocol() == sp.protocol() && p.containerPort() > 0) {
          return p.containerPort();
        }
      }
    }
    findings.add(Finding.warning(Finding.Kind.TARGET_PORT_NOT_FOUND, "Service " + service.ref() + " port " + sp.port()
        + " targets port name '" + sp.targetPort().name() + "', which " + (pod == null ? "endpoint " + endpoint.address() : pod.ref().toString())
        + " does not declare for " + sp.protocol() + "; that endpoint gets no traffic"));
    return 0;
  }

  // ---------------------------------------------------------------- nodes and hostNetwork

  private void toNodeAddress(Node node, String address) {
    for (Service service : ctx.state().services()) {
      if (service.type() != ServiceType.NODE_PORT && service.type() != ServiceType.LOAD_BALANCER) {
        continue;
      }
      for (ServicePort sp : service.ports()) {
        if (sp.nodePort() == port && sp.protocol() == protocol) {
          toNodePort(node, address, service, sp);
          return;
        }
      }
    }
    Optional<Pod> hostPod = ctx.index().podsOnNode(node.name()).stream()
        .filter(Pod::hostNetwork)
        .filter(p -> p.containers().stream().anyMatch(c -> c.ports().stream().anyMatch(cp -> cp.containerPort() == port && cp.protocol() == protocol)))
        .sorted((a, b) -> a.ref().compareTo(b.ref()))
        .findFirst();
    note(address + " is node " + node.name() + hostPod.map(p -> ", where hostNetwork pod " + p.ref() + " declares port " + port).orElse(""));
    toHost(node, address, hostPod.orElse(null), new PolicyEndpoint.IpPeer(address));
  }

  /** The node's own network namespace: a hostNetwork pod or a node process. */
  private void toHost(Node node, String address, Pod hostPod, PolicyEndpoint peer) {
    Verdict verdict = evaluate(new PolicyEndpoint.PodPeer(src), peer, port);
    policy = verdict;
    boolean sameNode = node.name().equals(src.nodeName());
    if (!src.hostNetwork()) {
      datapath.leavePod(h, src, srcContainer, address, false);
    }
    if (!egressHop(verdict, address + ":" + port)) {
      return;
    }
    if (sameNode) {
      h.add(Component.ROUTING, Action.FORWARDED, node.name(), "lo", address,
          address + " is a local address of " + node.name() + ": delivered to the node's own network namespace (route table local)",
          "local", "ip route get " + address);
    } else {
      toNodeOverUnderlay(node, address);
    }
    h.add(Component.NETWORK_POLICY, Action.FORWARDED, node.name(), "", address + ":" + port,
        "ingress: the destination is " + (hostPod == null ? "the node itself" : "hostNetwork pod " + hostPod.ref())
            + "; pod NetworkPolicy does not apply to the node's network namespace", "no pod policy",
        "kubectl get networkpolicy -A");
    String what = hostPod == null ? "a process of node " + node.name() : "hostNetwork pod " + hostPod.ref() + " (node " + node.name() + "'s network namespace)";
    if (hostPod == null) {
      findings.add(Finding.info(Finding.Kind.PORT_NOT_DECLARED, "no hostNetwork pod on " + node.name() + " declares port " + port + "/" + protocol
          + "; delivery depends on a node process listening on it"));
    }
    h.add(Component.CONTAINER, Action.DELIVERED, node.name(), devices().uplink(node.name()), address + ":" + port,
        "delivered to " + what, "delivered", "ss -ltnp sport = :" + port);
    reason = "delivered to " + what + " at " + address + ":" + port;
  }

  /** From the source's node to another node's address over the node network. */
  private void toNodeOverUnderlay(Node node, String address) {
    Node from = ctx.node(src.nodeName()).orElseThrow();
    String uplink = devices().uplink(from.name());
    boolean snat = !src.hostNetwork() && datapath.masqueradesToNodes();
    h.add(Component.ROUTING, Action.FORWARDED, from.name(), uplink, address,
        address + " is on the node network: routed out of " + uplink + " (no tunnel)", "route dev " + uplink, "ip route get " + address);
    if (snat) {
      h.add(Component.ROUTING, Action.SNAT, from.name(), uplink, src.primaryIp() + " -> " + from.internalIp(),
          datapath.masqueradeDetail() + ": source " + src.primaryIp() + " becomes " + from.internalIp(), "SNAT " + from.internalIp(),
          datapath.masqueradeVerify());
    }
    h.add(Component.UNDERLAY, Action.FORWARDED, from.name(), uplink, (snat ? from.internalIp() : src.primaryIp()) + " -> " + address,
        "crosses the node network to " + node.name(), "underlay", "tcpdump -ni " + uplink + " host " + address + " and port " + port);
  }

  private void toNodePort(Node node, String address, Service service, ServicePort sp) {
    Verdict egress = evaluate(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.IpPeer(address), port);
    policy = egress;
    if (!src.hostNetwork()) {
      datapath.leavePod(h, src, srcContainer, address, false);
    }
    if (!egressHop(egress, address + ":" + port)) {
      return;
    }
    boolean sameNode = node.name().equals(src.nodeName());
    String seenSource = src.hostNetwork() ? ctx.node(src.nodeName()).map(Node::internalIp).orElse(src.primaryIp()) : src.primaryIp();
    if (!sameNode) {
      toNodeOverUnderlay(node, address);
      if (!src.hostNetwork() && datapath.masqueradesToNodes()) {
        seenSource = ctx.node(src.nodeName()).map(Node::internalIp).orElse(seenSource);
      }
    }
    boolean local = "Local".equals(service.externalTrafficPolicy());
    List<ServiceProxy.Backend> backends = backends(service, sp, local ? node.name() : null);
    int nodePort = port;
    if (backends.isEmpty()) {
      String why = ctx.readyEndpoints(service).isEmpty() ? "no ready endpoints"
          : local ? "externalTrafficPolicy Local and no ready endpoint on " + node.name() : "no endpoint serves the target port";
      findings.add(Finding.warning(Finding.Kind.NO_READY_ENDPOINTS, "Service " + service.ref() + " NodePort " + nodePort + ": " + why));
      ctx.proxy().noEndpoints(h, node.name(), service, sp, address, nodePort, why);
      unreachable("Service " + service.ref() + " has " + why);
      return;
    }
    ServiceProxy.Backend chosen = backends.get(0);
    ctx.proxy().dnat(h, node.name(), service, sp, address, nodePort, ServiceProxy.Entry.NODE_PORT, backends, chosen);
    port = chosen.port();
    if (!local) {
      h.add(Component.SERVICE_LB, Action.SNAT, node.name(), "", seenSource + " -> " + node.internalIp(),
          "externalTrafficPolicy Cluster: NodePort traffic is masqueraded to " + node.name() + "'s address so replies come back through it"
              + " (the client address is lost)", "SNAT " + node.internalIp(), "iptables -t nat -S KUBE-POSTROUTING");
      seenSource = node.internalIp();
    }
    if (chosen.pod() == null) {
      toOutsideAfterLeaving(chosen.address(), chosen.address());
      return;
    }
    Pod dst = chosen.pod();
    if (dst.nodeName().equals(node.name())) {
      datapath.hostToLocalPod(h, node.name(), dst);
    } else {
      crossNodes(node.name(), dst);
    }
    Verdict ingress = evaluate(new PolicyEndpoint.IpPeer(seenSource), new PolicyEndpoint.PodPeer(dst), port);
    if (ingress.ingress() != null && !ingress.ingress().allowed()) {
      policy = ingress;
    }
    arrive(dst, "", ingress);
  }

  // ---------------------------------------------------------------- outside the cluster

  /** A name CoreDNS forwards upstream, or an ExternalName target. */
  private void outsideByName(String name) {
    String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (IpAddresses.isLiteral(host)) {
      toOutside(host, host, "");
      return;
    }
    findings.add(Finding.info(Finding.Kind.NAME_NOT_FOUND, host + " resolves outside the cluster (upstream DNS); egress policy was judged for an "
        + "arbitrary external address, " + EXTERNAL_PLACEHOLDER + ": trace ip:ADDRESS once the address is known"));
    toOutside(host, EXTERNAL_PLACEHOLDER, " (the address " + host + " resolves to upstream)");
  }

  private void toOutside(String shown, String judged, String note) {
    Verdict verdict = evaluate(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.IpPeer(judged), port);
    policy = verdict;
    if (!src.hostNetwork()) {
      datapath.leavePod(h, src, srcContainer, shown, false);
    }
    if (!egressHop(verdict, shown + ":" + port + note)) {
      return;
    }
    outOfCluster(shown);
  }

  /** After a Service DNAT to an address that is not a pod. */
  private void toOutsideAfterLeaving(String shown, String judged) {
    Verdict verdict = evaluate(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.IpPeer(judged), port);
    policy = verdict;
    if (!egressHop(verdict, shown + ":" + port)) {
      return;
    }
    outOfCluster(shown);
  }

  private void outOfCluster(String shown) {
    Node node = ctx.node(src.nodeName()).orElseThrow();
    datapath.toUplink(h, node, shown, src.primaryIp(), !src.hostNetwork());
    reason = "leaves the cluster through " + node.name() + "'s " + devices().uplink(node.name()) + " towards " + shown
        + "; delivery depends on the network outside";
  }

  // ---------------------------------------------------------------- DNS

  private void resolveName(String name) {
    String domain = ctx.state().network().clusterDomain();
    boolean nodeResolver = "Default".equals(src.dnsPolicy()) || (src.hostNetwork() && "ClusterFirst".equals(src.dnsPolicy()));
    String absolute = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    DnsSearch search = new DnsSearch(ctx.index(), src.namespace(), domain);
    if (nodeResolver) {
      h.add(Component.DNS, Action.FORWARDED, src.nodeName(), "", name,
          "dnsPolicy " + src.dnsPolicy() + (src.hostNetwork() ? " on a hostNetwork pod" : "")
              + ": the pod uses the node's /etc/resolv.conf, not the cluster DNS", "node resolver",
          exec(src, srcContainer, "cat /etc/resolv.conf"));
      if (absolute.endsWith("." + domain) || absolute.equals(domain) || search.lookup(search.candidates(name)).isPresent()) {
        findings.add(Finding.warning(Finding.Kind.NAME_NOT_FOUND, name + " is a cluster name, but " + src.ref()
            + " does not query the cluster DNS (dnsPolicy " + src.dnsPolicy() + ")"));
        h.add(Component.DNS, Action.DROPPED, src.nodeName(), "", name, "the node's resolver does not know cluster names: NXDOMAIN",
            "NXDOMAIN", exec(src, srcContainer, "nslookup " + name));
        unreachable(name + " does not resolve with dnsPolicy " + src.dnsPolicy());
        return;
      }
      outsideByName(name);
      return;
    }
    Optional<Service> dns = ctx.clusterDns();
    String nameserver = !ctx.state().network().clusterDnsIp().isEmpty() ? ctx.state().network().clusterDnsIp()
        : dns.filter(s -> !s.clusterIps().isEmpty()).map(s -> s.clusterIps().get(0)).orElse("");
    List<String> tries = search.candidates(name);
    String searchPath = String.join(" ", search.searchList());
    int dots = (int) absolute.chars().filter(c -> c == '.').count();
    String order = name.endsWith(".") ? name + " is absolute (trailing dot): no search list"
        : dots >= 5 ? name + " has " + dots + " dots (>= ndots:5): tried as is first"
        : name + " has " + dots + " dot" + (dots == 1 ? "" : "s") + " (< ndots:5): the search list is tried first";
    h.add(Component.DNS, Action.FORWARDED, src.nodeName(), "", nameserver.isEmpty() ? "" : nameserver + ":53",
        "resolv.conf: nameserver " + (nameserver.isEmpty() ? "(unknown)" : nameserver) + ", search " + searchPath + ", options ndots:5; "
            + order + " -> " + String.join(", ", tries),
        "DNS query", exec(src, srcContainer, "cat /etc/resolv.conf"));
    if (dns.isEmpty() || nameserver.isEmpty()) {
      h.add(Component.DNS, Action.DROPPED, src.nodeName(), "", name, "no cluster DNS Service (kube-system/kube-dns) in this state",
          "no DNS", "kubectl -n kube-system get svc kube-dns");
      unreachable("no cluster DNS Service to resolve " + name);
      return;
    }
    Service dnsService = dns.get();
    ServicePort dnsPort = dnsService.ports().stream().filter(p -> p.port() == 53 && p.protocol() == Protocol.UDP).findFirst()
        .orElse(dnsService.ports().isEmpty() ? new ServicePort("dns", 53, null, 0, Protocol.UDP, "") : dnsService.ports().get(0));
    List<Endpoint> ready = ctx.readyEndpoints(dnsService);
    Optional<Pod> coredns = ready.stream().map(ctx::endpointPod).flatMap(Optional::stream).findFirst();
    if (coredns.isEmpty()) {
      findings.add(Finding.warning(Finding.Kind.NO_READY_ENDPOINTS, "cluster DNS Service " + dnsService.ref() + " has no ready CoreDNS pod"));
      ctx.proxy().noEndpoints(h, src.nodeName(), dnsService, dnsPort, nameserver, 53, "no ready CoreDNS pod");
      unreachable("the cluster DNS has no ready endpoints");
      return;
    }
    Pod resolver = coredns.get();
    List<ServiceProxy.Backend> dnsBackends = ready.stream()
        .map(e -> new ServiceProxy.Backend(e.address(), 53, ctx.endpointPod(e).orElse(null), e.nodeName())).toList();
    ServiceProxy.Backend chosenDns = dnsBackends.stream().filter(b -> b.pod() != null).findFirst().orElseThrow();
    ctx.proxy().dnat(h, src.nodeName(), dnsService, dnsPort, nameserver, 53, ServiceProxy.Entry.CLUSTER_IP, dnsBackends, chosenDns);
    Verdict dnsVerdict = ctx.policy().evaluate(new PolicyQuery(new PolicyEndpoint.PodPeer(src), new PolicyEndpoint.PodPeer(resolver), 53, Protocol.UDP, true));
    if (!dnsVerdict.allowed()) {
      policy = dnsVerdict;
      String side = dnsVerdict.egress() != null && !dnsVerdict.egress().allowed() ? "egress" : "ingress";
      findings.add(Finding.warning(Finding.Kind.DNS_BLOCKED, "DNS is blocked: " + side + " policy drops " + src.ref() + " -> "
          + resolver.ref() + " UDP 53" + ("egress".equals(side) ? " (no egress rule allows the cluster DNS)" : "")
          + "; name resolution fails"));
      DirectionVerdict dv = "egress".equals(side) ? dnsVerdict.egress() : dnsVerdict.ingress();
      h.add(Component.NETWORK_POLICY, Action.DROPPED, "egress".equals(side) ? src.nodeName() : resolver.nodeName(),
          "egress".equals(side) ? datapath.policyDevice(src) : datapath.policyDevice(resolver),
          src.primaryIp() + " -> " + resolver.primaryIp() + ":53/UDP", "DNS query: " + side + " " + PolicyText.direction(dv),
          "DROPPED by " + side + " policy", PolicyText.verify(dv, datapath.policyVerify("egress".equals(side) ? src : resolver)));
      denied("the DNS query to " + resolver.ref() + " is dropped by " + side + " policy, so " + name + " never resolves");
      return;
    }
    String answer;
    Optional<DnsSearch.Match> match = search.lookup(tries);
    Service found = match.map(DnsSearch.Match::service).orElse(null);
    String hit = match.map(DnsSearch.Match::name).orElse(null);
    List<String> misses = new ArrayList<>();
    for (String t : tries) {
      if (t.equals(hit)) {
        break;
      }
      misses.add(t);
    }
    if (found == null) {
      boolean inDomain = absolute.endsWith("." + domain) || absolute.equals(domain);
      if (inDomain) {
        h.add(Component.DNS, Action.DROPPED, resolver.nodeName(), "", name,
            "CoreDNS " + resolver.ref() + " answers NXDOMAIN for every candidate (" + String.join(", ", tries) + ")", "NXDOMAIN",
            exec(src, srcContainer, "nslookup " + name), "kubectl -n kube-system logs " + resolver.name());
        findings.add(Finding.warning(Finding.Kind.NAME_NOT_FOUND, name + " does not resolve: no Service matches in the cluster domain " + domain));
        unreachable(name + " does not resolve (NXDOMAIN)");
        return;
      }
      h.add(Component.DNS, Action.RESOLVED, resolver.nodeName(), "", absolute,
          "CoreDNS " + resolver.ref() + ": no cluster record (" + String.join(", ", misses) + " NXDOMAIN); "
              + absolute + " is forwarded to the upstream resolver (forward . /etc/resolv.conf)", "forwarded upstream",
          exec(src, srcContainer, "nslookup " + name), "kubectl -n kube-system get configmap coredns -o yaml");
      outsideByName(absolute);
      return;
    }
    answer = found.type() == ServiceType.EXTERNAL_NAME ? "CNAME " + found.externalName()
        : found.clusterIps().isEmpty() ? "A records of the ready endpoints" : "A " + found.clusterIps().get(0);
    h.add(Component.DNS, Action.RESOLVED, resolver.nodeName(), "", hit,
        "CoreDNS " + resolver.ref() + " answers " + hit + " " + answer + (misses.isEmpty() ? "" : " (first " + String.join(", ", misses) + ": NXDOMAIN)"),
        answer, exec(src, srcContainer, "nslookup " + name), "kubectl -n kube-system logs " + resolver.name());
    toService(found, true);
  }

  // ---------------------------------------------------------------- policy

  private Verdict evaluate(PolicyEndpoint from, PolicyEndpoint to, int destinationPort) {
    return ctx.policy().evaluate(new PolicyQuery(from, to, destinationPort, protocol, true));
  }

  /** The egress NETWORK_POLICY hop; false when it drops the packet. */
  private boolean egressHop(Verdict verdict, String target) {
    DirectionVerdict egress = verdict.egress();
    boolean allowed = egress == null || egress.allowed();
    noteEnforcement(egress);
    h.add(Component.NETWORK_POLICY, allowed ? Action.FORWARDED : Action.DROPPED, src.nodeName(),
        src.hostNetwork() ? "" : datapath.policyDevice(src), (src.hostNetwork() ? "" : src.primaryIp() + " -> ") + target + "/" + protocol,
        "egress at " + src.ref() + ": " + PolicyText.direction(egress), allowed ? PolicyText.edge("egress", egress) : "DROPPED by egress policy",
        PolicyText.verify(egress, datapath.policyVerify(src)));
    if (!allowed) {
      denied("egress policy at " + src.ref() + " drops it: " + (egress.note().isEmpty() ? "no rule allows " + target : egress.note()));
    }
    return allowed;
  }

  /** The ingress NETWORK_POLICY hop at the destination pod; false when it drops the packet. */
  private boolean ingressHop(Verdict verdict, Pod dst) {
    DirectionVerdict ingress = verdict.ingress();
    boolean allowed = ingress == null || ingress.allowed();
    noteEnforcement(ingress);
    h.add(Component.NETWORK_POLICY, allowed ? Action.FORWARDED : Action.DROPPED, dst.nodeName(), datapath.policyDevice(dst),
        dst.primaryIp() + ":" + port + "/" + protocol, "ingress at " + dst.ref() + ": " + PolicyText.direction(ingress),
        allowed ? PolicyText.edge("ingress", ingress) : "DROPPED by ingress policy", PolicyText.verify(ingress, datapath.policyVerify(dst)));
    if (!allowed) {
      policy = verdict;
      denied("ingress policy at " + dst.ref() + " drops it: " + (ingress.note().isEmpty() ? "no rule allows it" : ingress.note()));
    }
    return allowed;
  }

  private void noteEnforcement(DirectionVerdict direction) {
    if (!datapath.enforcesPolicy() && direction != null && direction.isolated()) {
      findings.add(Finding.info(Finding.Kind.POLICY_ENFORCEMENT_ASSUMED, datapath.describe()
          + " does not enforce NetworkPolicy itself; the trace assumes a policy agent (e.g. Canal or kube-network-policies) does"));
    }
  }

  // ---------------------------------------------------------------- sidecars, containers, checks

  private void start(String target) {
    requestedPort = port;
    String proto = protocol == Protocol.UDP ? "sends a UDP datagram" : "opens a " + protocol + " connection";
    h.add(Component.CONTAINER, Action.FORWARDED, src.nodeName(), "", src.primaryIp(),
        "container " + srcContainer + " of " + src.ref() + (src.hostNetwork() ? " (hostNetwork: the node's network namespace)" : "")
            + " " + proto + " to " + target, "send",
        exec(src, srcContainer, "ip addr"));
  }

  private void sidecarOut(Pod dst) {
    if (src.sidecars().isEmpty() || src.hostNetwork()) {
      return;
    }
    Sidecar sidecar = src.sidecars().get(0);
    boolean peerMeshed = dst.sidecars().stream().anyMatch(s -> s.mesh().equals(sidecar.mesh()));
    String capture = switch (sidecar.mesh()) {
      case "istio" -> "iptables (istio-init) redirects outbound traffic to " + sidecar.container() + " on 15001";
      case "linkerd" -> "iptables (linkerd-init) redirects outbound traffic to " + sidecar.container() + " on 4140";
      default -> "the mesh redirects outbound traffic to " + sidecar.container();
    };
    h.add(Component.SIDECAR, Action.FORWARDED, src.nodeName(), "", src.primaryIp(),
        "mesh " + sidecar.mesh() + ": " + capture + "; " + (peerMeshed ? "it opens an mTLS connection to the peer's proxy"
            : "the destination has no " + sidecar.mesh() + " proxy, so it goes out in plain text"),
        sidecar.mesh() + (peerMeshed ? " mTLS" : " plain"), "kubectl logs -n " + src.namespace() + " " + src.name() + " -c " + sidecar.container());
  }

  private void sidecarIn(Pod dst) {
    if (dst.sidecars().isEmpty() || dst.hostNetwork()) {
      return;
    }
    Sidecar sidecar = dst.sidecars().get(0);
    String capture = switch (sidecar.mesh()) {
      case "istio" -> "iptables redirects inbound traffic to " + sidecar.container() + " on 15006";
      case "linkerd" -> "iptables redirects inbound traffic to " + sidecar.container() + " on 4143";
      default -> "the mesh redirects inbound traffic to " + sidecar.container();
    };
    h.add(Component.SIDECAR, Action.FORWARDED, dst.nodeName(), "", "127.0.0.1:" + port,
        "mesh " + sidecar.mesh() + ": " + capture + ", which terminates mTLS (if any) and forwards to localhost:" + port,
        sidecar.mesh() + " inbound", "kubectl logs -n " + dst.namespace() + " " + dst.name() + " -c " + sidecar.container());
  }

  private String sourceContainer() {
    if (!request.fromContainer().isEmpty()) {
      if (src.container(request.fromContainer()).isEmpty()) {
        throw TraceException.notFound("from", "pod " + src.ref() + " has no container '" + request.fromContainer() + "' (containers: "
            + src.containers().stream().map(Container::name).collect(Collectors.joining(", ")) + ")");
      }
      return request.fromContainer();
    }
    return appContainers(src).stream().findFirst().map(Container::name)
        .orElse(src.containers().isEmpty() ? "(unnamed)" : src.containers().get(0).name());
  }

  private static List<Container> appContainers(Pod pod) {
    Set<String> sidecars = pod.sidecars().stream().map(Sidecar::container).collect(Collectors.toSet());
    return pod.containers().stream().filter(c -> !c.init() && !sidecars.contains(c.name())).toList();
  }

  private Optional<Integer> firstPort(Pod dst, String container) {
    List<Container> candidates = container.isEmpty() ? appContainers(dst) : dst.container(container).map(List::of).orElse(List.of());
    return candidates.stream().flatMap(c -> c.ports().stream()).filter(p -> p.protocol() == protocol)
        .map(ContainerPort::containerPort).findFirst();
  }

  private String receivingContainer(Pod dst, String requested) {
    Optional<Container> declaring = dst.containers().stream().filter(c -> !c.init())
        .filter(c -> c.ports().stream().anyMatch(p -> p.containerPort() == port && p.protocol() == protocol)).findFirst();
    if (declaring.isPresent()) {
      return declaring.get().name();
    }
    findings.add(Finding.info(Finding.Kind.PORT_NOT_DECLARED, "no container of " + dst.ref() + " declares port " + port + "/" + protocol
        + "; the connection is refused unless a process listens on it anyway"));
    if (!requested.isEmpty()) {
      return requested;
    }
    return appContainers(dst).stream().findFirst().map(Container::name).orElse("(none)");
  }

  private String declaredAs(Pod dst, String container) {
    return dst.container(container).flatMap(c -> c.ports().stream()
            .filter(p -> p.containerPort() == port && p.protocol() == protocol).findFirst())
        .map(p -> ", which declares port " + port + "/" + protocol + (p.name().isEmpty() ? "" : " ('" + p.name() + "')"))
        .orElse("");
  }

  private void checkPortConflicts(Pod pod) {
    List<String> seen = new ArrayList<>();
    for (Container c : pod.containers()) {
      if (c.init()) {
        continue;
      }
      for (ContainerPort p : c.ports()) {
        String key = p.containerPort() + "/" + p.protocol();
        for (String other : seen) {
          if (other.startsWith(key + "@") && !other.endsWith("@" + c.name())) {
            findings.add(Finding.warning(Finding.Kind.PORT_CONFLICT, "containers " + other.substring(other.indexOf('@') + 1) + " and " + c.name()
                + " of " + pod.ref() + " both declare port " + key + "; they share one network namespace, so only one can bind it"));
          }
        }
        seen.add(key + "@" + c.name());
      }
    }
  }

  private void checkMtu(Node from, Pod dst) {
    int overhead = datapath.overhead();
    if (overhead <= 0) {
      return;
    }
    int podMtu = src.hostNetwork() ? devices().uplinkMtu(from.name()) : devices().podMtu(src);
    int uplink = devices().uplinkMtu(from.name());
    if (!src.hostNetwork() && podMtu + overhead > uplink) {
      findings.add(Finding.warning(Finding.Kind.MTU_EXCEEDS_PATH, "pod MTU " + podMtu + " + " + datapath.overheadName() + " overhead " + overhead
          + " = " + (podMtu + overhead) + " bytes exceeds " + from.name() + "'s " + devices().uplink(from.name()) + " MTU " + uplink
          + ": full-size packets from " + src.ref() + " to " + dst.ref() + " are fragmented or dropped; set the pod MTU to at most " + (uplink - overhead)));
    }
  }

  private Devices devices() {
    return ctx.devices();
  }

  /** Context that belongs in the reason, e.g. which pod owns a traced address. */
  private void note(String text) {
    notes.add(text);
  }

  private final List<String> notes = new ArrayList<>();

  private void unreachable(String why) {
    verdict = TraceVerdict.UNREACHABLE;
    reason = why;
  }

  private void denied(String why) {
    verdict = TraceVerdict.DENIED;
    reason = why;
  }

  private static boolean running(Pod pod) {
    return "Running".equals(pod.phase()) && !pod.primaryIp().isEmpty() && !pod.nodeName().isEmpty();
  }

  private static String describeState(Pod pod) {
    if (pod.nodeName().isEmpty()) {
      return "not scheduled (phase " + pod.phase() + ")";
    }
    if (pod.primaryIp().isEmpty()) {
      return "without an address (phase " + pod.phase() + ")";
    }
    return "in phase " + pod.phase();
  }

  private static String exec(Pod pod, String container, String command) {
    return Datapath.exec(pod, container.startsWith("(") ? "" : container, command);
  }

}
