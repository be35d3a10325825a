package io.hopscope.web;

import io.hopscope.diagram.TopologyDiagram;
import io.hopscope.policy.PolicyFinding;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.SourceInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the dashboard template shows, computed from one state: source and health, network
 * profile, counts, policy lint findings, the topology diagram and the (filtered) pod, Service and
 * policy tables.
 */
public record DashboardPage(
    SourceStatus status,
    SourceInfo source,
    String assumedPlacement,
    NetworkProfile network,
    TopologyView.Counts counts,
    List<String> namespaceNames,
    List<String> nodeNames,
    TopologyDiagram.Filter filter,
    List<String> filterProblems,
    TopologyDiagram.Result diagram,
    List<PodRow> pods,
    int podsMatching,
    List<ServiceRow> services,
    List<PolicyRow> policies,
    List<PolicyFinding> findings) {

  /** The pods table shows at most this many rows; filters narrow it down. */
  static final int MAX_POD_ROWS = 500;

  private static final int MAX_ANNOTATION = 160;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  /** A row of the pods table; all text is shown literally (th:text). */
  public record PodRow(
      String namespace,
      String name,
      String node,
      List<String> ips,
      List<String> containers,
      List<String> images,
      String owner,
      List<String> labels,
      List<String> annotations,
      String phase,
      boolean ready,
      boolean hostNetwork) {}

  /** A row of the Services table. */
  public record ServiceRow(
      String namespace,
      String name,
      String type,
      List<String> clusterIps,
      List<String> ports,
      int readyEndpoints,
      int endpoints) {}

  /** A row of the NetworkPolicies table. */
  public record PolicyRow(String namespace, String name, String podSelector, List<String> types) {}

  /**
   * The page of a state.
   *
   * @param findings the policy lint findings of the whole state (filtered here by namespace)
   */
  static DashboardPage of(
      ClusterState state,
      SourceStatus status,
      TopologyDiagram.Filter filter,
      List<PolicyFinding> findings) {
    List<String> namespaces = state.namespaces().stream().map(Namespace::name).sorted().toList();
    List<String> nodes = state.nodes().stream().map(Node::name).sorted().toList();
    List<String> problems = new ArrayList<>();
    if (!filter.namespace().isEmpty() && !namespaces.contains(filter.namespace())) {
      problems.add("There is no namespace '" + filter.namespace() + "'.");
    }
    if (!filter.node().isEmpty() && !nodes.contains(filter.node())) {
      problems.add("There is no node '" + filter.node() + "'.");
    }
    List<Pod> matching =
        state.pods().stream()
            .filter(p -> filter.namespace().isEmpty() || p.namespace().equals(filter.namespace()))
            .filter(p -> filter.node().isEmpty() || p.nodeName().equals(filter.node()))
            .sorted(Comparator.comparing(Pod::ref))
            .toList();
    List<PodRow> pods = matching.stream().limit(MAX_POD_ROWS).map(DashboardPage::podRow).toList();
    List<ServiceRow> services =
        state.services().stream()
            .filter(s -> filter.namespace().isEmpty() || s.namespace().equals(filter.namespace()))
            .sorted(Comparator.comparing(Service::ref))
            .map(DashboardPage::serviceRow)
            .toList();
    List<PolicyRow> policies =
        state.networkPolicies().stream()
            .filter(p -> filter.namespace().isEmpty() || p.namespace().equals(filter.namespace()))
            .sorted(Comparator.comparing(NetworkPolicy::ref))
            .map(
                p ->
                    new PolicyRow(
                        p.namespace(),
                        p.name(),
                        p.podSelector().toString(),
                        p.policyTypes().stream()
                            .map(t -> t == NetworkPolicy.PolicyType.INGRESS ? "Ingress" : "Egress")
                            .toList()))
            .toList();
    return new DashboardPage(
        status,
        state.source(),
        assumedPlacement(state),
        state.network(),
        TopologyView.Counts.of(state),
        namespaces,
        nodes,
        filter,
        problems,
        TopologyDiagram.render(state, filter),
        pods,
        matching.size(),
        services,
        policies,
        findings.stream()
            .filter(
                f ->
                    filter.namespace().isEmpty() || f.policy().startsWith(filter.namespace() + "/"))
            .toList());
  }

  /**
   * What the placement of pods rests on when the input lacks Node objects: how many nodes were
   * synthesized from pods and how many pods share the stand-in node; empty when nothing is assumed.
   */
  static String assumedPlacement(ClusterState state) {
    long synthesized =
        state.nodes().stream().filter(n -> n.assumed() && !n.name().equals(Node.STAND_IN)).count();
    boolean standIn =
        state.nodes().stream().anyMatch(n -> n.assumed() && n.name().equals(Node.STAND_IN));
    long unplaced = state.pods().stream().filter(p -> p.nodeName().equals(Node.STAND_IN)).count();
    List<String> parts = new ArrayList<>();
    if (synthesized > 0) {
      parts.add(
          new PageText().count(synthesized, "node", "nodes")
              + " synthesized from pods' spec.nodeName and status.hostIP");
    }
    if (standIn && unplaced > 0) {
      parts.add(
          new PageText().count(unplaced, "pod", "pods")
              + " without placement put on stand-in node '"
              + Node.STAND_IN
              + "'");
    }
    return String.join("; ", parts);
  }

  public boolean filtered() {
    return !filter.namespace().isEmpty() || !filter.node().isEmpty();
  }

  /** "UP", "DEGRADED" or "DOWN" as a CSS class. */
  public String healthClass() {
    return status.health() == null ? "" : status.health().toLowerCase(java.util.Locale.ROOT);
  }

  private static PodRow podRow(Pod pod) {
    List<Container> containers = pod.containers();
    List<String> labels = new ArrayList<>();
    new TreeMap<>(pod.labels()).forEach((k, v) -> labels.add(k + "=" + v));
    List<String> annotations = new ArrayList<>();
    new TreeMap<>(pod.annotations())
        .forEach(
            (k, v) -> {
              if (!k.equals(LAST_APPLIED)) {
                String text = k + "=" + v;
                annotations.add(
                    text.length() > MAX_ANNOTATION
                        ? text.substring(0, MAX_ANNOTATION - 1) + "…"
                        : text);
              }
            });
    return new PodRow(
        pod.namespace(),
        pod.name(),
        pod.nodeName(),
        pod.podIps(),
        containers.stream().map(c -> c.init() ? c.name() + " (init)" : c.name()).toList(),
        containers.stream().map(Container::image).distinct().toList(),
        pod.owner() == null ? "" : pod.owner().kind() + "/" + pod.owner().name(),
        labels,
        annotations,
        pod.phase(),
        pod.ready(),
        pod.hostNetwork());
  }

  private static ServiceRow serviceRow(Service service) {
    List<String> ports = service.ports().stream().map(DashboardPage::port).toList();
    int ready = (int) service.endpoints().stream().filter(e -> e.ready()).count();
    return new ServiceRow(
        service.namespace(),
        service.name(),
        typeName(service),
        service.clusterIps(),
        ports,
        ready,
        service.endpoints().size());
  }

  private static String port(ServicePort port) {
    StringBuilder text = new StringBuilder();
    if (!port.name().isEmpty()) {
      text.append(port.name()).append(' ');
    }
    text.append(port.port()).append('/').append(port.protocol());
    if (!port.targetPort().toString().equals(Integer.toString(port.port()))) {
      text.append(" → ").append(port.targetPort());
    }
    if (port.nodePort() > 0) {
      text.append(" (node ").append(port.nodePort()).append(')');
    }
    return text.toString();
  }

  private static String typeName(Service service) {
    return service.headless() ? "Headless" : service.type().kubernetesName();
  }

  /** Labels of the network profile facts, in display order. */
  public Map<String, String> profileFacts() {
    Map<String, String> facts = new java.util.LinkedHashMap<>();
    facts.put("CNI plugin", network.plugin().name().toLowerCase(java.util.Locale.ROOT));
    facts.put("Mode", network.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    facts.put("WireGuard", network.wireguard() ? "on" : "off");
    facts.put("Pod MTU", Integer.toString(network.mtu()));
    facts.put(
        "Pod CIDRs",
        network.podCidrs().isEmpty() ? "unknown" : String.join(", ", network.podCidrs()));
    facts.put(
        "Service CIDRs",
        network.serviceCidrs().isEmpty() ? "unknown" : String.join(", ", network.serviceCidrs()));
    facts.put(
        "Service proxy",
        network.kubeProxyMode().name().toLowerCase(java.util.Locale.ROOT)
            + (network.perPacketServiceLb() ? " (per packet, no socket LB)" : ""));
    facts.put(
        "Cluster DNS",
        (network.clusterDnsIp().isEmpty() ? "unknown" : network.clusterDnsIp())
            + " · "
            + network.clusterDomain());
    return facts;
  }
}
