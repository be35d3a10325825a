package io.hopscope.trace.internal;

import io.hopscope.policy.Verdict;
import io.hopscope.topology.Container;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;
import io.hopscope.trace.Finding;
import io.hopscope.trace.Hop;
import io.hopscope.trace.TraceException;
import io.hopscope.trace.TraceRequest;
import io.hopscope.trace.TraceVerdict;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Walks one packet from the source pod to its target, hop by hop: the source's container and
 * sidecar, DNS when the target is a name, Service load balancing, egress policy at the source, the
 * CNI's forwarding (same node, across nodes, out of the cluster), ingress policy at the
 * destination, and delivery. One instance per request; not thread-safe.
 *
 * <p>This class resolves the target and picks the first leg; each kind of leg lives in its own
 * class ({@link PodLeg}, {@link ServiceLeg}, {@link NameResolution}, {@link NodeLeg}, {@link
 * ExternalEgress}, {@link Loopback}), all sharing one {@link WalkState}.
 */
public final class PathWalk {

  /** What the walk found. */
  public record Result(
      List<HopRecorder.Step> steps,
      TraceVerdict verdict,
      String reason,
      Verdict policy,
      List<Finding> findings,
      int port,
      String datapath) {}

  private final WalkState w;
  private final ContainerPorts ports;
  private final Loopback loopback;
  private final PodLeg podLeg;
  private final ServiceLeg serviceLeg;
  private final NodeLeg nodeLeg;
  private final ExternalEgress outside;
  private final NameResolution names;

  public PathWalk(TraceContext ctx, TraceRequest request) {
    this.w = new WalkState(ctx, request);
    PolicyHops policyHops = new PolicyHops(w);
    Sidecars sidecars = new Sidecars(w);
    ServiceBackends serviceBackends = new ServiceBackends(w);
    this.ports = new ContainerPorts(w);
    this.loopback = new Loopback(w);
    this.outside = new ExternalEgress(w, policyHops);
    PodDelivery delivery = new PodDelivery(w, policyHops, sidecars, ports);
    this.nodeLeg = new NodeLeg(w, policyHops, delivery, outside, serviceBackends);
    this.podLeg = new PodLeg(w, policyHops, sidecars, ports, delivery, nodeLeg);
    this.serviceLeg =
        new ServiceLeg(
            w, policyHops, sidecars, ports, serviceBackends, delivery, podLeg, loopback, outside);
    this.names = new NameResolution(w, serviceLeg, outside);
  }

  /**
   * Resolves the request against the state (404s and 400s as {@link TraceException}) and walks it.
   */
  public Result walk() {
    w.src =
        w.ctx
            .index()
            .pod(w.request.from())
            .orElseThrow(
                () ->
                    TraceException.notFound(
                        "from", "no pod " + w.request.from() + " in this cluster state"));
    w.srcContainer = sourceContainer();
    if (w.datapath.assumed()) {
      w.findings.add(
          Finding.info(
              Finding.Kind.ASSUMED_DATAPATH,
              "the datapath is a generic L3 model ("
                  + w.datapath.assumedBecause()
                  + "); device names and hops are assumed"));
    }
    if (!WalkState.running(w.src)) {
      w.findings.add(
          Finding.warning(
              Finding.Kind.POD_NOT_RUNNING,
              "source pod " + w.src.ref() + " is " + WalkState.describeState(w.src)));
      w.unreachable("the source pod " + w.src.ref() + " is " + WalkState.describeState(w.src));
      return result();
    }
    EndpointRef to = w.request.to();
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
    List<String> assumedNodes =
        w.h.hops().stream().filter(Hop::onAssumedNode).map(Hop::node).distinct().toList();
    if (!assumedNodes.isEmpty()) {
      w.findings.add(
          Finding.info(
              Finding.Kind.ASSUMED_PLACEMENT,
              "the input has no Node object for "
                  + String.join(", ", assumedNodes)
                  + " (synthesized from its pods' placement, or the stand-in node '"
                  + Node.STAND_IN
                  + "' of pods without one); the hops there are assumed"));
    }
    List<Finding> sorted =
        w.findings.stream().sorted((a, b) -> a.severity().compareTo(b.severity())).toList();
    String why = w.notes.isEmpty() ? w.reason : w.reason + " (" + String.join("; ", w.notes) + ")";
    return new Result(
        w.h.steps(),
        w.verdict,
        why,
        w.policy,
        sorted,
        w.requestedPort == 0 ? w.port : w.requestedPort,
        w.datapath.describe() + ", " + w.ctx.proxy().describe());
  }

  private void toPodTarget(EndpointRef.PodEndpoint target) {
    Pod dst =
        w.ctx
            .index()
            .pod(target.pod())
            .orElseThrow(
                () ->
                    TraceException.notFound(
                        "to", "no pod " + target.pod() + " in this cluster state"));
    if (!target.container().isEmpty() && dst.container(target.container()).isEmpty()) {
      throw TraceException.notFound(
          "to",
          "pod "
              + dst.ref()
              + " has no container '"
              + target.container()
              + "' (containers: "
              + dst.containers().stream().map(Container::name).collect(Collectors.joining(", "))
              + ")");
    }
    if (w.port == 0) {
      w.port =
          ports
              .firstPort(dst, target.container())
              .orElseThrow(
                  () ->
                      TraceException.invalid(
                          "port",
                          "port is required: pod "
                              + dst.ref()
                              + " declares no "
                              + w.protocol
                              + " port"));
    }
    start(
        dst.ref()
            + (target.container().isEmpty() ? "" : ":" + target.container())
            + " at "
            + dst.primaryIp()
            + ":"
            + w.port);
    if (dst.ref().equals(w.src.ref())) {
      loopback.deliver(target.container());
      return;
    }
    podLeg.toPod(dst, target.container());
  }

  private void toServiceTarget(PodRef ref) {
    Service service =
        w.ctx
            .index()
            .service(ref)
            .orElseThrow(
                () ->
                    TraceException.notFound("to", "no Service " + ref + " in this cluster state"));
    if (w.port == 0) {
      w.port =
          service.ports().stream()
              .filter(p -> p.protocol() == w.protocol)
              .map(ServicePort::port)
              .findFirst()
              .orElseThrow(
                  () ->
                      TraceException.invalid(
                          "port",
                          "port is required: Service " + ref + " has no " + w.protocol + " port"));
    }
    start(
        "Service "
            + ref
            + (service.clusterIps().isEmpty() ? "" : " at " + service.clusterIps().get(0))
            + ":"
            + w.port);
    serviceLeg.toService(service, false);
  }

  private void toName(String name) {
    if (IpAddresses.isLiteral(name)) {
      // A resolver returns an address literal as is, without the search list or a query.
      toAddress(IpAddresses.normalize(name));
      return;
    }
    if (w.port == 0) {
      throw TraceException.invalid("port", "port is required for a dns: target");
    }
    start(name + ":" + w.port);
    Optional<String> local = loopback.hostsEntry(name);
    if (local.isPresent()) {
      reach(local.get());
      return;
    }
    names.resolve(name);
  }

  private void toAddress(String address) {
    // A pool's last address can still be a pod's (Calico IPAM hands out whole blocks).
    Optional<String> notADestination =
        w.ctx.index().podByIp(address).isPresent()
            ? Optional.empty()
            : w.ctx.notADestination(address);
    if (notADestination.isPresent()) {
      throw TraceException.invalid(
          "to",
          notADestination.get()
              + ": a trace needs one receiver (a pod, Service, node or unicast address)");
    }
    if (w.port == 0) {
      throw TraceException.invalid("port", "port is required for an ip: target");
    }
    start(address + ":" + w.port);
    reach(address);
  }

  /** The path to an address, after the first hop. */
  private void reach(String address) {
    if (Loopback.isLoopback(address)) {
      loopback.deliverLocal(address);
      return;
    }
    Optional<Pod> pod = w.ctx.index().podByIp(address);
    if (pod.isPresent()) {
      w.note(pod.get().ref() + " owns " + address);
      if (pod.get().ref().equals(w.src.ref())) {
        loopback.deliver("");
      } else {
        podLeg.toPod(pod.get(), "");
      }
      return;
    }
    Optional<Service> service = w.ctx.index().serviceByClusterIp(address);
    if (service.isPresent()) {
      serviceLeg.toService(service.get(), false);
      return;
    }
    Optional<Service> balanced = w.ctx.serviceByLoadBalancerIp(address);
    if (balanced.isPresent()) {
      serviceLeg.toClusterIp(balanced.get(), address, ServiceProxy.Entry.LOAD_BALANCER);
      return;
    }
    Optional<Node> node = w.ctx.nodeByIp(address);
    if (node.isPresent()) {
      nodeLeg.toNodeAddress(node.get(), address);
      return;
    }
    if (w.ctx.inPodNetwork(address)) {
      nobodyHas(
          Component.ROUTING,
          address,
          "pod",
          "the pod network",
          "the route leads nowhere",
          "kubectl get pods -A -o wide");
    } else if (w.ctx.inServiceNetwork(address)) {
      nobodyHas(
          Component.SERVICE_LB,
          address,
          "Service",
          "the Service range",
          "no proxy rule matches",
          "kubectl get svc -A");
    } else {
      outside.toOutside(address, address, "");
    }
  }

  /** An address inside a cluster range that nothing owns: dropped where the lookup fails. */
  private void nobodyHas(
      Component component,
      String address,
      String what,
      String range,
      String consequence,
      String list) {
    w.h.add(
        component,
        Action.DROPPED,
        w.src.nodeName(),
        "",
        address,
        address + " is in " + range + " but no " + what + " has it; " + consequence,
        "no such " + what,
        list + " | grep " + address);
    w.unreachable("no " + what + " has the address " + address);
  }

  private void start(String target) {
    w.requestedPort = w.port;
    String proto =
        w.protocol == Protocol.UDP
            ? "sends a UDP datagram"
            : "opens a " + w.protocol + " connection";
    w.h.add(
        Component.CONTAINER,
        Action.FORWARDED,
        w.src.nodeName(),
        "",
        w.src.primaryIp(),
        "container "
            + w.srcContainer
            + " of "
            + w.src.ref()
            + (w.src.hostNetwork() ? " (hostNetwork: the node's network namespace)" : "")
            + " "
            + proto
            + " to "
            + target,
        "send",
        WalkState.exec(w.src, w.srcContainer, "ip addr"));
  }

  private String sourceContainer() {
    if (!w.request.fromContainer().isEmpty()) {
      if (w.src.container(w.request.fromContainer()).isEmpty()) {
        throw TraceException.notFound(
            "from",
            "pod "
                + w.src.ref()
                + " has no container '"
                + w.request.fromContainer()
                + "' (containers: "
                + w.src.containers().stream().map(Container::name).collect(Collectors.joining(", "))
                + ")");
      }
      return w.request.fromContainer();
    }
    return ContainerPorts.appContainers(w.src).stream()
        .findFirst()
        .map(Container::name)
        .orElse(w.src.containers().isEmpty() ? "(unnamed)" : w.src.containers().get(0).name());
  }
}
