package io.hopscope.trace;

import static io.hopscope.fixtures.Devices.bridge;
import static io.hopscope.fixtures.Devices.flannelTunnel;
import static io.hopscope.fixtures.Devices.podEth0;
import static io.hopscope.fixtures.Devices.uplink;
import static io.hopscope.fixtures.Devices.veth;
import static io.hopscope.fixtures.Fixtures.containerPort;
import static io.hopscope.fixtures.Fixtures.namespace;
import static io.hopscope.fixtures.Fixtures.servicePort;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.policy;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.fixtures.PodBuilder;
import io.hopscope.fixtures.ServiceBuilder;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Provenance;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServiceType;
import io.hopscope.topology.Sidecar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small cluster states built from model records, for tracer unit tests. */
final class TraceFixtures {

  private TraceFixtures() {}

  static NetworkProfile profile(
      CniPlugin plugin, CniMode mode, boolean wireguard, int mtu, KubeProxyMode proxy) {
    return Fixtures.network()
        .cni(plugin, mode)
        .wireguard(wireguard)
        .mtu(mtu)
        .kubeProxy(proxy)
        .detectedFrom("test fixture")
        .build();
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
    var pods =
        List.of(
            pod("shop", "web-1", "node-1", "10.244.0.5", "app", "web")
                .containers(
                    container("nginx", containerPort("http", 80, TCP)),
                    container("fluentd", containerPort("fwd", 24224, TCP)))
                .build(),
            pod("shop", "api-1", "node-2", "10.244.1.6", "app", "api")
                .containers(container("api", containerPort("http", 8080, TCP)))
                .build(),
            pod("shop", "api-2", "node-3", "10.244.2.7", "app", "api")
                .containers(container("api", containerPort("http", 8080, TCP)))
                .build(),
            pod("shop", "cache-1", "node-1", "10.244.0.8", "app", "cache")
                .containers(container("redis", containerPort("redis", 6379, TCP)))
                .build(),
            pod("shop", "clash-1", "node-1", "10.244.0.9", "app", "clash")
                .containers(
                    container("a", containerPort("web", 8080, TCP)),
                    container("b", containerPort("alt", 8080, TCP)))
                .build(),
            pod("shop", "meshed-1", "node-2", "10.244.1.9", "app", "meshed")
                .uid("uid-meshed")
                .owner("Pod", "meshed-1")
                .containers(
                    container("app", containerPort("http", 9090, TCP)),
                    container("istio-proxy", containerPort("", 15090, TCP)))
                .sidecars(new Sidecar("istio-proxy", "istio"))
                .build(),
            pod("payments", "pay-1", "node-2", "10.244.1.7", "app", "pay")
                .containers(container("pay", containerPort("http", 8443, TCP)))
                .build(),
            pod("kube-system", "coredns-1", "node-3", "10.244.2.2", "k8s-app", "kube-dns")
                .containers(
                    container(
                        "coredns",
                        containerPort("dns", 53, UDP),
                        containerPort("dns-tcp", 53, TCP)))
                .build(),
            pod("kube-system", "node-agent-1", "node-1", "192.168.1.11", "app", "agent")
                .uid("uid-agent")
                .owner("DaemonSet", "node-agent")
                .hostNetwork()
                .containers(container("agent", containerPort("metrics", 9100, TCP)))
                .build(),
            pod("shop", "legacy-1", "node-2", "10.244.1.10", "app", "legacy")
                .uid("uid-legacy")
                .owner("Pod", "legacy-1")
                .containers(container("legacy", containerPort("http", 8080, TCP)))
                .dnsPolicy("Default")
                .build(),
            Fixtures.pod("shop", "pending-1")
                .uid("uid-pending")
                .labels(Map.of("app", "api"))
                .containers(container("api", containerPort("http", 8080, TCP)))
                .pending()
                .build());

    Endpoint api1 = endpoint("10.244.1.6", "shop", "api-1", "node-2", true);
    Endpoint api2 = endpoint("10.244.2.7", "shop", "api-2", "node-3", true);
    Endpoint web1 = endpoint("10.244.0.5", "shop", "web-1", "node-1", true);
    var services =
        List.of(
            service("shop", "api", "10.96.10.10")
                .ports(servicePort("http", 80, PortRef.named("http"), 0, TCP))
                .endpoints(api2, api1)
                .build(),
            service("shop", "web", "10.96.10.20")
                .type(ServiceType.NODE_PORT)
                .ports(servicePort("http", 80, PortRef.of(80), 30080, TCP))
                .endpoints(web1)
                .build(),
            service("shop", "web-local", "10.96.10.21")
                .type(ServiceType.NODE_PORT)
                .ports(servicePort("http", 80, PortRef.of(80), 30081, TCP))
                .endpoints(web1)
                .externalTrafficPolicy("Local")
                .build(),
            service("shop", "empty", "10.96.10.30")
                .ports(servicePort("http", 80, PortRef.of(8080), 0, TCP))
                .endpoints(endpoint("10.244.1.6", "shop", "api-1", "node-2", false))
                .build(),
            service("shop", "bad-port", "10.96.10.40")
                .ports(servicePort("http", 80, PortRef.named("nope"), 0, TCP))
                .endpoints(api1)
                .build(),
            service("shop", "api-headless", Service.NONE)
                .ports(servicePort("http", 8080, PortRef.of(8080), 0, TCP))
                .endpoints(api1, api2)
                .build(),
            Fixtures.service("shop", "ext")
                .type(ServiceType.EXTERNAL_NAME)
                .externalName("example.com")
                .build(),
            Fixtures.service("shop", "lb")
                .type(ServiceType.LOAD_BALANCER)
                .clusterIp("10.96.10.50")
                .ports(servicePort("http", 80, PortRef.named("http"), 30090, TCP))
                .selector(Map.of("app", "api"))
                .loadBalancerIngress("203.0.113.10")
                .endpoints(api1)
                .build(),
            service("kube-system", "kube-dns", "10.96.0.10")
                .ports(
                    servicePort("dns", 53, PortRef.of(53), 0, UDP),
                    servicePort("dns-tcp", 53, PortRef.of(53), 0, TCP))
                .endpoints(endpoint("10.244.2.2", "kube-system", "coredns-1", "node-3", true))
                .build());

    return Fixtures.cluster()
        .source("demo", "fixture", Instant.parse("2026-01-01T00:00:00Z"))
        .network(profile)
        .nodes(nodes)
        .namespaces(List.of(namespace("shop"), namespace("payments"), namespace("kube-system")))
        .pods(pods)
        .services(services)
        .policies(
            List.of(
                policy(
                    "payments",
                    "default-deny",
                    all(),
                    List.of(PolicyType.INGRESS, PolicyType.EGRESS),
                    List.of(),
                    List.of())))
        .interfaces(interfaces)
        .build();
  }

  private static Node node(int i) {
    return Fixtures.node("node-" + i, "192.168.1." + (10 + i))
        .podCidrs("10.244." + (i - 1) + ".0/24")
        .build();
  }

  /** A running pod with uid {@code uid-NAME} owned by a ReplicaSet named after it. */
  private static PodBuilder pod(
      String ns, String name, String node, String ip, String labelKey, String labelValue) {
    return Fixtures.pod(ns, name)
        .uid("uid-" + name)
        .labels(Map.of(labelKey, labelValue))
        .owner("ReplicaSet", name.replaceAll("-\\d+$", ""))
        .node(node)
        .ips(ip);
  }

  /** A container whose image is {@code NAME:latest}. */
  private static Container container(String name, ContainerPort... ports) {
    return Fixtures.container(name, name + ":latest", ports);
  }

  private static Endpoint endpoint(String ip, String ns, String pod, String node, boolean ready) {
    return Fixtures.endpoint(ip, new PodRef(ns, pod), node, ready);
  }

  /** A Service selecting {@code app=NAME}. */
  private static ServiceBuilder service(String ns, String name, String clusterIp) {
    return Fixtures.service(ns, name).clusterIp(clusterIp).selector(Map.of("app", name));
  }

  /** An uplink and a flannel.1 per node with explicit MTUs, and an observed veth for web-1. */
  static List<NetInterface> flannelDevices(int podMtu, int uplinkMtu) {
    List<NetInterface> out = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String node = "node-" + i;
      String address = "192.168.1." + (10 + i);
      out.add(uplink(node, uplinkMtu, Provenance.INFERRED, address + "/24"));
      out.add(flannelTunnel(node, podMtu, address, "10.244." + (i - 1) + ".0/32"));
      out.add(bridge(node, "cni0", podMtu, Provenance.INFERRED, "10.244." + (i - 1) + ".1/24"));
    }
    PodRef web = new PodRef("shop", "web-1");
    out.add(veth("node-1", "vethobserved", podMtu, Provenance.OBSERVED, web));
    out.add(podEth0(web, "node-1", podMtu, Provenance.OBSERVED, "10.244.0.5/24"));
    return out;
  }
}
