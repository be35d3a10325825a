package io.hopscope.topology;

import java.util.List;

/**
 * Everything Hopscope knows about a cluster at one moment. Immutable; sources build a new value on
 * every change and readers never lock. Lookups go through {@link ClusterIndex}.
 */
public record ClusterState(
    SourceInfo source,
    NetworkProfile network,
    List<Node> nodes,
    List<Namespace> namespaces,
    List<Pod> pods,
    List<Service> services,
    List<NetworkPolicy> networkPolicies,
    List<NetInterface> interfaces,
    List<Link> links) {

  public ClusterState {
    nodes = List.copyOf(nodes);
    namespaces = List.copyOf(namespaces);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
    networkPolicies = List.copyOf(networkPolicies);
    interfaces = List.copyOf(interfaces);
    links = List.copyOf(links);
  }
}
