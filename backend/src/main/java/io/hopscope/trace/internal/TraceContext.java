package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServiceType;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a trace looks up, indexed once per state: pods, Services by IP, nodes by IP, the
 * cluster DNS Service, devices and the datapath model. Thread-safe after construction.
 */
public final class TraceContext {

  private final ClusterState state;
  private final ClusterIndex index;
  private final PolicyEvaluator policy;
  private final Devices devices;
  private final Datapath datapath;
  private final ServiceProxy proxy;
  private final Map<String, Node> nodesByIp = new HashMap<>();
  private final Map<String, Service> servicesByLoadBalancerIp = new HashMap<>();
  private final Service clusterDns;
  private final Map<PodRef, List<Endpoint>> readyEndpoints = new ConcurrentHashMap<>();
  private final AddressRanges podRanges;
  private final AddressRanges serviceRanges;
  private final NonDestinations nonDestinations;

  public TraceContext(ClusterState state, ClusterIndex index, PolicyEvaluator policy) {
    this.state = state;
    this.index = index;
    this.policy = policy;
    this.devices = new Devices(state);
    AgentPods agents = new AgentPods(state);
    this.datapath = Datapath.of(devices, agents);
    this.proxy =
        new ServiceProxy(
            state.network().kubeProxyMode(), state.network().perPacketServiceLb(), agents);
    for (Node node : state.nodes()) {
      nodesByIp.putIfAbsent(node.internalIp(), node);
      if (!node.externalIp().isEmpty()) {
        nodesByIp.putIfAbsent(node.externalIp(), node);
      }
    }
    for (Service service : state.services()) {
      if (service.type() == ServiceType.LOAD_BALANCER) {
        service
            .loadBalancerIngress()
            .forEach(ip -> servicesByLoadBalancerIp.putIfAbsent(ip, service));
      }
    }
    // The cluster range when the profile knows it, else every node's pod CIDR.
    List<String> podCidrs =
        !state.network().podCidrs().isEmpty()
            ? state.network().podCidrs()
            : state.nodes().stream().flatMap(n -> n.podCidrs().stream()).toList();
    this.podRanges = new AddressRanges(podCidrs);
    this.serviceRanges = new AddressRanges(state.network().serviceCidrs());
    this.nonDestinations = new NonDestinations(state);
    String dnsIp = state.network().clusterDnsIp();
    this.clusterDns =
        (dnsIp.isEmpty() ? Optional.<Service>empty() : index.serviceByClusterIp(dnsIp))
            .or(() -> index.service(new PodRef("kube-system", "kube-dns")))
            .orElse(null);
  }

  public ClusterState state() {
    return state;
  }

  public ClusterIndex index() {
    return index;
  }

  public PolicyEvaluator policy() {
    return policy;
  }

  public Devices devices() {
    return devices;
  }

  public Datapath datapath() {
    return datapath;
  }

  public ServiceProxy proxy() {
    return proxy;
  }

  public Optional<Node> node(String name) {
    return index.node(name);
  }

  public Optional<Node> nodeByIp(String ip) {
    return Optional.ofNullable(nodesByIp.get(ip));
  }

  public Optional<Service> serviceByLoadBalancerIp(String ip) {
    return Optional.ofNullable(servicesByLoadBalancerIp.get(ip));
  }

  /** The cluster DNS Service (kube-system/kube-dns, or the one at the profile's DNS IP). */
  public Optional<Service> clusterDns() {
    return Optional.ofNullable(clusterDns);
  }

  /** The ready endpoints of a Service in a stable order (by address), computed once per Service. */
  public List<Endpoint> readyEndpoints(Service service) {
    return readyEndpoints.computeIfAbsent(
        service.ref(),
        ref ->
            service.endpoints().stream()
                .filter(Endpoint::ready)
                .sorted(
                    Comparator.comparing((Endpoint e) -> addressKey(e.address()))
                        .thenComparing(Endpoint::address))
                .toList());
  }

  /** The pod behind an endpoint: by its reference, else by its address. */
  public Optional<Pod> endpointPod(Endpoint endpoint) {
    if (endpoint.pod() != null) {
      Optional<Pod> pod = index.pod(endpoint.pod());
      if (pod.isPresent()) {
        return pod;
      }
    }
    return index.podByIp(endpoint.address());
  }

  /** Why an address is not a destination (unspecified or broadcast), or empty. */
  public Optional<String> notADestination(String ip) {
    return nonDestinations.why(ip);
  }

  public boolean inPodNetwork(String ip) {
    return podRanges.contains(ip);
  }

  public boolean inServiceNetwork(String ip) {
    return serviceRanges.contains(ip);
  }

  private static BigInteger addressKey(String address) {
    return IpAddresses.isLiteral(address) ? IpAddresses.toNumber(address) : BigInteger.ZERO;
  }
}
