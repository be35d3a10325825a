package io.hopscope.diagram;

import static io.hopscope.fixtures.Devices.bridge;
import static io.hopscope.fixtures.Devices.flannelTunnel;
import static io.hopscope.fixtures.Devices.podEth0;
import static io.hopscope.fixtures.Devices.uplink;
import static io.hopscope.fixtures.Devices.veth;
import static io.hopscope.fixtures.Fixtures.container;
import static io.hopscope.fixtures.Fixtures.servicePort;
import static io.hopscope.fixtures.Fixtures.tcp;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.rule;

import io.hopscope.fixtures.Devices;
import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Container;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Provenance;
import io.hopscope.topology.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Cluster states built from records for diagram and web tests (no source needed). */
public final class TopologyFixtures {

  private static final Instant CAPTURED = Instant.parse("2026-01-01T00:00:00Z");

  private TopologyFixtures() {}

  /** Flannel VXLAN on three nodes with a few pods in three namespaces, one of them unscheduled. */
  public static ClusterState threeNodeFlannel() {
    Builder b = new Builder(3);
    b.pod("shop", "web-1", 0, "nginx:1.27");
    b.pod("shop", "web-2", 1, "nginx:1.27");
    b.pod("shop", "cart-1", 2, "ghcr.io/acme/cart:2.1");
    b.pod("payments", "api-1", 1, "registry.example.com/pay/api:7");
    b.multiContainerPod("shop", "frontend-0", 2);
    b.pod("kube-system", "coredns-1", 0, "registry.k8s.io/coredns/coredns:v1.11.1");
    b.hostPod("kube-system", "kube-flannel-ds-a", 0);
    b.unscheduled("shop", "pending-1");
    return b.build("demo", "fixture-flannel");
  }

  /** A cluster with text that tries to break out of HTML and Mermaid. */
  public static ClusterState hostile() {
    Builder b = new Builder(2);
    b.pod("shop", "web-1", 0, "<img src=x onerror=alert(1)>");
    b.pod("shop", "web-2", 1, "a]-->b[\"x\"] #quot; %%{init: {}}%% `md` & <b>bold<b>");
    return b.build("manifests", "hostile");
  }

  /** {@code nodes} nodes with {@code pods} pods spread over {@code namespaces} namespaces. */
  public static ClusterState large(int nodes, int namespaces, int pods) {
    Builder b = new Builder(nodes);
    for (int i = 0; i < pods; i++) {
      b.pod("ns-" + ((i / nodes) % namespaces), "pod-" + i, i % nodes, "app:" + (i % 7));
    }
    return b.build("demo", "large");
  }

  /**
   * Lays out Flannel VXLAN nodes worker-1.. (10.0.0.11.., pod CIDR 10.244.N.0/24, a full tunnel
   * mesh) and wires every non-host pod to its node's cni0 through a veth pair.
   */
  private static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<NetInterface> interfaces = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final TreeSet<String> namespaces = new TreeSet<>();
    private final int[] nextHost;

    Builder(int nodeCount) {
      nextHost = new int[nodeCount];
      for (int n = 0; n < nodeCount; n++) {
        String name = "worker-" + (n + 1);
        String ip = IpAddresses.longToV4(0x0A000000L + 11 + n);
        nodes.add(Fixtures.node(name, ip).podCidrs(cidr(n)).build());
        interfaces.add(bridge(name, "cni0", 1450, Provenance.INFERRED, podIp(n, 1) + "/24"));
        interfaces.add(flannelTunnel(name, 1450, ip));
        interfaces.add(uplink(name, 1500, Provenance.INFERRED, ip + "/24"));
        nextHost[n] = 2;
      }
      for (int a = 0; a < nodeCount; a++) {
        for (int c = 0; c < nodeCount; c++) {
          if (a != c) {
            links.add(
                new Link.TunnelPeer(
                    NetInterface.hostId("worker-" + (a + 1), Devices.FLANNEL_VXLAN),
                    NetInterface.hostId("worker-" + (c + 1), Devices.FLANNEL_VXLAN),
                    nodes.get(c).internalIp()));
          }
        }
      }
    }

    void pod(String namespace, String name, int node, String image) {
      add(namespace, name, node, List.of(container("app", image, tcp("http", 8080))), false);
    }

    void multiContainerPod(String namespace, String name, int node) {
      add(
          namespace,
          name,
          node,
          List.of(
              container("nginx", "nginx:1.27", tcp("http", 80)),
              container("fluentd", "fluent/fluentd:v1.16")),
          false);
    }

    void hostPod(String namespace, String name, int node) {
      add(namespace, name, node, List.of(container("kube-flannel", "flannel/flannel:v0.25")), true);
    }

    void unscheduled(String namespace, String name) {
      namespaces.add(namespace);
      pods.add(
          Fixtures.pod(namespace, name)
              .uid("uid-" + name)
              .labels(Map.of("app", name))
              .containers(container("app", "busybox:1.36"))
              .pending()
              .build());
    }

    private void add(
        String namespace, String name, int node, List<Container> containers, boolean hostNetwork) {
      namespaces.add(namespace);
      String nodeName = nodes.get(node).name();
      String ip = hostNetwork ? nodes.get(node).internalIp() : podIp(node, nextHost[node]++);
      String app = name.replaceAll("-\\d+$", "");
      Pod pod =
          Fixtures.pod(namespace, name)
              .uid("uid-" + namespace + "-" + name)
              .labels(Map.of("app", app))
              .annotations(Map.of("note", "a]-->b[\"x\"]"))
              .owner("ReplicaSet", app)
              .node(nodeName)
              .ips(ip)
              .hostNetwork(hostNetwork)
              .containers(containers)
              .build();
      pods.add(pod);
      if (!hostNetwork) {
        PodRef ref = pod.ref();
        String vethName = "veth" + Integer.toHexString(Math.abs(ref.hashCode()));
        NetInterface eth0 = podEth0(ref, nodeName, 1450, Provenance.INFERRED, ip + "/24");
        NetInterface hostEnd = veth(nodeName, vethName, 1450, Provenance.INFERRED, ref);
        interfaces.add(eth0);
        interfaces.add(hostEnd);
        links.add(new Link.VethPair(eth0.id(), hostEnd.id()));
        links.add(new Link.BridgePort(hostEnd.id(), NetInterface.hostId(nodeName, "cni0")));
      }
    }

    ClusterState build(String kind, String name) {
      // one Service and one policy with a selector and a named port, so every JSON shape is present
      Service web =
          Fixtures.service("shop", "web")
              .clusterIp("10.96.0.20")
              .ports(servicePort("http", 80, PortRef.named("http"), 0, Protocol.TCP))
              .selector(Map.of("app", "web"))
              .build();
      NetworkPolicy policy =
          ingressPolicy(
              "shop",
              "web-from-frontend",
              labels("app", "web"),
              rule(peers(podPeer(labels("app", "frontend"))), namedPort(Protocol.TCP, "http")));
      boolean shop = namespaces.contains("shop");
      return Fixtures.cluster()
          .source(kind, name, CAPTURED)
          .network(Fixtures.network().build())
          .nodes(nodes)
          .namespaces(namespaces.stream().map(Fixtures::namespace).toList())
          .pods(pods)
          .services(shop ? List.of(web) : List.of())
          .policies(shop ? List.of(policy) : List.of())
          .interfaces(interfaces)
          .links(links)
          .build();
    }

    private static String cidr(int node) {
      return "10.244." + (node % 250) + ".0/24";
    }

    private static String podIp(int node, int host) {
      return "10.244." + (node % 250) + "." + (host % 250 + 1);
    }
  }
}
