package io.hopscope.trace;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Provenance;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import io.hopscope.topology.Sidecar;
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small cluster states built from model records, for tracer unit tests. */
final class TraceFixtures {

  private TraceFixtures() {}

  static NetworkProfile profile(
      CniPlugin plugin, CniMode mode, boolean wireguard, int mtu, KubeProxyMode proxy) {
    return new NetworkProfile(
        plugin,
        mode,
        wireguard,
        mtu,
        List.of("10.244.0.0/16"),
        List.of("10.96.0.0/12"),
        proxy,
        "10.96.0.10",
        "cluster.local",
        List.of("test fixture"));
  }

  static NetworkProfile flannelVxlan() {
    return profile(CniPlugin.FLANNEL, CniMode.VXLAN, false, 1450, KubeProxyMode.IPTABLES);
  }

  /**
   * Three nodes; shop (web-1 with nginx + fluentd, api-1/api-2 behind Service api with a named
   * targetPort, cache-1, meshed-1 with istio), payments (pay-1, default-deny both ways),
   * kube-system (coredns-1 behind kube-dns, a hostNetwork pod on node-1).
   */
  static ClusterState shop(NetworkProfile profile) {
    return shop(profile, List.of());
  }

  static ClusterState shop(NetworkProfile profile, List<NetInterface> interfaces) {
    List<Node> nodes = List.of(node(1), node(2), node(3));
    List<Namespace> namespaces = List.of(ns("shop"), ns("payments"), ns("kube-system"));
    List<Pod> pods = new ArrayList<>();
    pods.add(
        pod(
            "shop",
            "web-1",
            "node-1",
            "10.244.0.5",
            Map.of("app", "web"),
            List.of(
                container("nginx", port("http", 80, Protocol.TCP)),
                container("fluentd", port("fwd", 24224, Protocol.TCP)))));
    pods.add(
        pod(
            "shop",
            "api-1",
            "node-2",
            "10.244.1.6",
            Map.of("app", "api"),
            List.of(container("api", port("http", 8080, Protocol.TCP)))));
    pods.add(
        pod(
            "shop",
            "api-2",
            "node-3",
            "10.244.2.7",
            Map.of("app", "api"),
            List.of(container("api", port("http", 8080, Protocol.TCP)))));
    pods.add(
        pod(
            "shop",
            "cache-1",
            "node-1",
            "10.244.0.8",
            Map.of("app", "cache"),
            List.of(container("redis", port("redis", 6379, Protocol.TCP)))));
    pods.add(
        pod(
            "shop",
            "clash-1",
            "node-1",
            "10.244.0.9",
            Map.of("app", "clash"),
            List.of(
                container("a", port("web", 8080, Protocol.TCP)),
                container("b", port("alt", 8080, Protocol.TCP)))));
    pods.add(
        new Pod(
            "shop",
            "meshed-1",
            "uid-meshed",
            Map.of("app", "meshed"),
            Map.of(),
            new Owner("Pod", "meshed-1"),
            "node-2",
            List.of("10.244.1.9"),
            false,
            List.of(
                container("app", port("http", 9090, Protocol.TCP)),
                container("istio-proxy", port("", 15090, Protocol.TCP))),
            List.of(new Sidecar("istio-proxy", "istio")),
            "ClusterFirst",
            "Running",
            true));
    pods.add(
        pod(
            "payments",
            "pay-1",
            "node-2",
            "10.244.1.7",
            Map.of("app", "pay"),
            List.of(container("pay", port("http", 8443, Protocol.TCP)))));
    pods.add(
        pod(
            "kube-system",
            "coredns-1",
            "node-3",
            "10.244.2.2",
            Map.of("k8s-app", "kube-dns"),
            List.of(
                container(
                    "coredns", port("dns", 53, Protocol.UDP), port("dns-tcp", 53, Protocol.TCP)))));
    pods.add(
        new Pod(
            "kube-system",
            "node-agent-1",
            "uid-agent",
            Map.of("app", "agent"),
            Map.of(),
            new Owner("DaemonSet", "node-agent"),
            "node-1",
            List.of("192.168.1.11"),
            true,
            List.of(container("agent", port("metrics", 9100, Protocol.TCP))),
            List.of(),
            "ClusterFirst",
            "Running",
            true));
    pods.add(
        new Pod(
            "shop",
            "legacy-1",
            "uid-legacy",
            Map.of("app", "legacy"),
            Map.of(),
            new Owner("Pod", "legacy-1"),
            "node-2",
            List.of("10.244.1.10"),
            false,
            List.of(container("legacy", port("http", 8080, Protocol.TCP))),
            List.of(),
            "Default",
            "Running",
            true));
    pods.add(
        new Pod(
            "shop",
            "pending-1",
            "uid-pending",
            Map.of("app", "api"),
            Map.of(),
            new Owner("Pod", "pending-1"),
            "",
            List.of(),
            false,
            List.of(container("api", port("http", 8080, Protocol.TCP))),
            List.of(),
            "ClusterFirst",
            "Pending",
            false));

    List<Service> services = new ArrayList<>();
    services.add(
        service(
            "shop",
            "api",
            ServiceType.CLUSTER_IP,
            "10.96.10.10",
            List.of(new ServicePort("http", 80, PortRef.named("http"), 0, Protocol.TCP, "")),
            List.of(
                endpoint("10.244.2.7", "shop", "api-2", "node-3", true),
                endpoint("10.244.1.6", "shop", "api-1", "node-2", true)),
            "Cluster"));
    services.add(
        service(
            "shop",
            "web",
            ServiceType.NODE_PORT,
            "10.96.10.20",
            List.of(new ServicePort("http", 80, PortRef.of(80), 30080, Protocol.TCP, "")),
            List.of(endpoint("10.244.0.5", "shop", "web-1", "node-1", true)),
            "Cluster"));
    services.add(
        service(
            "shop",
            "web-local",
            ServiceType.NODE_PORT,
            "10.96.10.21",
            List.of(new ServicePort("http", 80, PortRef.of(80), 30081, Protocol.TCP, "")),
            List.of(endpoint("10.244.0.5", "shop", "web-1", "node-1", true)),
            "Local"));
    services.add(
        service(
            "shop",
            "empty",
            ServiceType.CLUSTER_IP,
            "10.96.10.30",
            List.of(new ServicePort("http", 80, PortRef.of(8080), 0, Protocol.TCP, "")),
            List.of(endpoint("10.244.1.6", "shop", "api-1", "node-2", false)),
            "Cluster"));
    services.add(
        service(
            "shop",
            "bad-port",
            ServiceType.CLUSTER_IP,
            "10.96.10.40",
            List.of(new ServicePort("http", 80, PortRef.named("nope"), 0, Protocol.TCP, "")),
            List.of(endpoint("10.244.1.6", "shop", "api-1", "node-2", true)),
            "Cluster"));
    services.add(
        service(
            "shop",
            "api-headless",
            ServiceType.CLUSTER_IP,
            Service.NONE,
            List.of(new ServicePort("http", 8080, PortRef.of(8080), 0, Protocol.TCP, "")),
            List.of(
                endpoint("10.244.1.6", "shop", "api-1", "node-2", true),
                endpoint("10.244.2.7", "shop", "api-2", "node-3", true)),
            "Cluster"));
    services.add(
        new Service(
            "shop",
            "ext",
            ServiceType.EXTERNAL_NAME,
            false,
            List.of(),
            List.of(),
            Map.of(),
            "",
            "",
            "",
            List.of(),
            "example.com",
            List.of()));
    services.add(
        new Service(
            "shop",
            "lb",
            ServiceType.LOAD_BALANCER,
            false,
            List.of("10.96.10.50"),
            List.of(new ServicePort("http", 80, PortRef.named("http"), 30090, Protocol.TCP, "")),
            Map.of("app", "api"),
            "Cluster",
            "Cluster",
            "None",
            List.of("203.0.113.10"),
            "",
            List.of(endpoint("10.244.1.6", "shop", "api-1", "node-2", true))));
    services.add(
        service(
            "kube-system",
            "kube-dns",
            ServiceType.CLUSTER_IP,
            "10.96.0.10",
            List.of(
                new ServicePort("dns", 53, PortRef.of(53), 0, Protocol.UDP, ""),
                new ServicePort("dns-tcp", 53, PortRef.of(53), 0, Protocol.TCP, "")),
            List.of(endpoint("10.244.2.2", "kube-system", "coredns-1", "node-3", true)),
            "Cluster"));

    List<NetworkPolicy> policies =
        List.of(
            new NetworkPolicy(
                "payments",
                "default-deny",
                LabelSelector.everything(),
                List.of(NetworkPolicy.PolicyType.INGRESS, NetworkPolicy.PolicyType.EGRESS),
                List.of(),
                List.of()));
    SourceInfo source =
        new SourceInfo(
            "demo", "fixture", "", Instant.parse("2026-01-01T00:00:00Z"), List.of(), Map.of());
    return new ClusterState(
        source, profile, nodes, namespaces, pods, services, policies, interfaces, List.of());
  }

  static Node node(int i) {
    return new Node(
        "node-" + i,
        "192.168.1." + (10 + i),
        "",
        List.of("10.244." + (i - 1) + ".0/24"),
        "zone-a",
        Map.of(),
        true);
  }

  static Namespace ns(String name) {
    return new Namespace(name, Map.of(Namespace.NAME_LABEL, name));
  }

  static Pod pod(
      String ns,
      String name,
      String node,
      String ip,
      Map<String, String> labels,
      List<Container> containers) {
    return new Pod(
        ns,
        name,
        "uid-" + name,
        labels,
        Map.of(),
        new Owner("ReplicaSet", name.replaceAll("-\\d+$", "")),
        node,
        List.of(ip),
        false,
        containers,
        List.of(),
        "ClusterFirst",
        "Running",
        true);
  }

  static Container container(String name, ContainerPort... ports) {
    return new Container(name, name + ":latest", List.of(ports), false);
  }

  static ContainerPort port(String name, int port, Protocol protocol) {
    return new ContainerPort(name, port, protocol, 0);
  }

  static Endpoint endpoint(String ip, String ns, String pod, String node, boolean ready) {
    return new Endpoint(ip, new PodRef(ns, pod), node, ready, ready, false, "zone-a", List.of());
  }

  static Service service(
      String ns,
      String name,
      ServiceType type,
      String clusterIp,
      List<ServicePort> ports,
      List<Endpoint> endpoints,
      String externalTrafficPolicy) {
    boolean headless = Service.NONE.equals(clusterIp);
    return new Service(
        ns,
        name,
        type,
        headless,
        clusterIp.isEmpty() || headless ? List.of() : List.of(clusterIp),
        ports,
        Map.of("app", name),
        externalTrafficPolicy,
        "Cluster",
        "None",
        List.of(),
        "",
        endpoints);
  }

  /** An uplink and a flannel.1 per node with explicit MTUs, and an observed veth for web-1. */
  static List<NetInterface> flannelDevices(int podMtu, int uplinkMtu) {
    List<NetInterface> out = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String node = "node-" + i;
      out.add(
          new NetInterface.Uplink(
              NetInterface.hostId(node, "eth0"),
              node,
              "eth0",
              uplinkMtu,
              List.of("192.168.1." + (10 + i) + "/24"),
              Provenance.INFERRED));
      out.add(
          new NetInterface.Tunnel(
              NetInterface.hostId(node, "flannel.1"),
              node,
              "flannel.1",
              podMtu,
              List.of("10.244." + (i - 1) + ".0/32"),
              Provenance.INFERRED,
              NetInterface.TunnelKind.VXLAN,
              1,
              8472,
              "192.168.1." + (10 + i)));
      out.add(
          new NetInterface.Bridge(
              NetInterface.hostId(node, "cni0"),
              node,
              "cni0",
              podMtu,
              List.of("10.244." + (i - 1) + ".1/24"),
              Provenance.INFERRED));
    }
    PodRef web = new PodRef("shop", "web-1");
    out.add(
        new NetInterface.VethEnd(
            NetInterface.hostId("node-1", "vethobserved"),
            "node-1",
            "vethobserved",
            podMtu,
            List.of(),
            Provenance.OBSERVED,
            web));
    out.add(
        new NetInterface.PodInterface(
            NetInterface.podId(web, "eth0"),
            "node-1",
            "eth0",
            podMtu,
            List.of("10.244.0.5/24"),
            Provenance.OBSERVED,
            web));
    return out;
  }
}
