package io.hopscope.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups over one {@link ClusterState}, built once per state (linear) so that queries never scan:
 * pods by name and by IP, pods per namespace and per node, namespaces, nodes, Services, interfaces
 * by id.
 */
public final class ClusterIndex {

  private final ClusterState state;
  private final Map<PodRef, Pod> podsByRef = new HashMap<>();
  private final Map<String, Pod> podsByIp = new HashMap<>();
  private final Map<String, List<Pod>> podsByNamespace = new HashMap<>();
  private final Map<String, List<Pod>> podsByNode = new HashMap<>();
  private final Map<String, Namespace> namespaces = new HashMap<>();
  private final Map<String, Node> nodes = new HashMap<>();
  private final Map<PodRef, Service> services = new HashMap<>();
  private final Map<String, Service> servicesByClusterIp = new HashMap<>();
  private final Map<String, NetInterface> interfaces = new HashMap<>();

  private ClusterIndex(ClusterState state) {
    this.state = state;
    for (Pod pod : state.pods()) {
      podsByRef.put(pod.ref(), pod);
      if (!pod.hostNetwork()) {
        pod.podIps().forEach(ip -> podsByIp.putIfAbsent(ip, pod));
      }
      podsByNamespace.computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(pod);
      if (!pod.nodeName().isEmpty()) {
        podsByNode.computeIfAbsent(pod.nodeName(), k -> new ArrayList<>()).add(pod);
      }
    }
    state.namespaces().forEach(ns -> namespaces.put(ns.name(), ns));
    state.nodes().forEach(node -> nodes.put(node.name(), node));
    for (Service service : state.services()) {
      services.put(service.ref(), service);
      service.clusterIps().forEach(ip -> servicesByClusterIp.put(ip, service));
    }
    state.interfaces().forEach(i -> interfaces.put(i.id(), i));
  }

  public static ClusterIndex of(ClusterState state) {
    return new ClusterIndex(state);
  }

  public ClusterState state() {
    return state;
  }

  public Optional<Pod> pod(PodRef ref) {
    return Optional.ofNullable(podsByRef.get(ref));
  }

  /** The (non-hostNetwork) pod that owns an address. */
  public Optional<Pod> podByIp(String ip) {
    return Optional.ofNullable(podsByIp.get(ip));
  }

  public List<Pod> podsInNamespace(String namespace) {
    return Collections.unmodifiableList(podsByNamespace.getOrDefault(namespace, List.of()));
  }

  public List<Pod> podsOnNode(String node) {
    return Collections.unmodifiableList(podsByNode.getOrDefault(node, List.of()));
  }

  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(namespaces.get(name));
  }

  /** The labels of a namespace; empty when it is unknown. */
  public Map<String, String> namespaceLabels(String name) {
    Namespace ns = namespaces.get(name);
    return ns == null ? Map.of(Namespace.NAME_LABEL, name) : ns.labels();
  }

  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  public Optional<Service> service(PodRef ref) {
    return Optional.ofNullable(services.get(ref));
  }

  public Optional<Service> serviceByClusterIp(String ip) {
    return Optional.ofNullable(servicesByClusterIp.get(ip));
  }

  public Optional<NetInterface> netInterface(String id) {
    return Optional.ofNullable(interfaces.get(id));
  }
}
