package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Link;
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
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

  private static final class Builder {
    private final List<Node> nodes = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();
    private final List<NetInterface> interfaces = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final java.util.TreeSet<String> namespaces = new java.util.TreeSet<>();
    private final int[] nextHost;

    Builder(int nodeCount) {
      nextHost = new int[nodeCount];
      for (int n = 0; n < nodeCount; n++) {
        String name = "worker-" + (n + 1);
        String ip = IpAddresses.longToV4(0x0A000000L + 11 + n);
        nodes.add(new Node(name, ip, "", List.of(cidr(n)), "zone-a", Map.of(), true));
        interfaces.add(
            new NetInterface.Bridge(
                NetInterface.hostId(name, "cni0"),
                name,
                "cni0",
                1450,
                List.of(podIp(n, 1) + "/24"),
                Provenance.INFERRED));
        interfaces.add(
            new NetInterface.Tunnel(
                NetInterface.hostId(name, "flannel.1"),
                name,
                "flannel.1",
                1450,
                List.of(),
                Provenance.INFERRED,
                NetInterface.TunnelKind.VXLAN,
                1,
                8472,
                ip));
        interfaces.add(
            new NetInterface.Uplink(
                NetInterface.hostId(name, "eth0"),
                name,
                "eth0",
                1500,
                List.of(ip + "/24"),
                Provenance.INFERRED));
        nextHost[n] = 2;
      }
      for (int a = 0; a < nodeCount; a++) {
        for (int c = 0; c < nodeCount; c++) {
          if (a != c) {
            links.add(
                new Link.TunnelPeer(
                    NetInterface.hostId("worker-" + (a + 1), "flannel.1"),
                    NetInterface.hostId("worker-" + (c + 1), "flannel.1"),
                    nodes.get(c).internalIp()));
          }
        }
      }
    }

    void pod(String namespace, String name, int node, String image) {
      add(
          namespace,
          name,
          node,
          List.of(
              new Container(
                  "app", image, List.of(new ContainerPort("http", 8080, Protocol.TCP, 0)), false)),
          false);
    }

    void multiContainerPod(String namespace, String name, int node) {
      add(
          namespace,
          name,
          node,
          List.of(
              new Container(
                  "nginx",
                  "nginx:1.27",
                  List.of(new ContainerPort("http", 80, Protocol.TCP, 0)),
                  false),
              new Container("fluentd", "fluent/fluentd:v1.16", List.of(), false)),
          false);
    }

    void hostPod(String namespace, String name, int node) {
      add(
          namespace,
          name,
          node,
          List.of(new Container("kube-flannel", "flannel/flannel:v0.25", List.of(), false)),
          true);
    }

    void unscheduled(String namespace, String name) {
      namespaces.add(namespace);
      pods.add(
          new Pod(
              namespace,
              name,
              "uid-" + name,
              Map.of("app", name),
              Map.of(),
              new Owner("Pod", name),
              "",
              List.of(),
              false,
              List.of(new Container("app", "busybox:1.36", List.of(), false)),
              List.of(),
              null,
              "Pending",
              false));
    }

    private void add(
        String namespace, String name, int node, List<Container> containers, boolean hostNetwork) {
      namespaces.add(namespace);
      String nodeName = nodes.get(node).name();
      String ip = hostNetwork ? nodes.get(node).internalIp() : podIp(node, nextHost[node]++);
      Pod pod =
          new Pod(
              namespace,
              name,
              "uid-" + namespace + "-" + name,
              Map.of("app", name.replaceAll("-\\d+$", "")),
              Map.of("note", "a]-->b[\"x\"]"),
              new Owner("ReplicaSet", name.replaceAll("-\\d+$", "")),
              nodeName,
              List.of(ip),
              hostNetwork,
              containers,
              List.of(),
              null,
              "Running",
              true);
      pods.add(pod);
      if (!hostNetwork) {
        PodRef ref = pod.ref();
        String eth0 = NetInterface.podId(ref, "eth0");
        String veth =
            NetInterface.hostId(nodeName, "veth" + Integer.toHexString(Math.abs(ref.hashCode())));
        interfaces.add(
            new NetInterface.PodInterface(
                eth0, nodeName, "eth0", 1450, List.of(ip + "/24"), Provenance.INFERRED, ref));
        interfaces.add(
            new NetInterface.VethEnd(
                veth,
                nodeName,
                veth.substring(veth.lastIndexOf('/') + 1),
                1450,
                List.of(),
                Provenance.INFERRED,
                ref));
        links.add(new Link.VethPair(eth0, veth));
        links.add(new Link.BridgePort(veth, NetInterface.hostId(nodeName, "cni0")));
      }
    }

    ClusterState build(String kind, String name) {
      NetworkProfile network =
          new NetworkProfile(
              CniPlugin.FLANNEL,
              CniMode.VXLAN,
              false,
              1450,
              List.of("10.244.0.0/16"),
              List.of("10.96.0.0/12"),
              KubeProxyMode.IPTABLES,
              "10.96.0.10",
              "cluster.local",
              List.of("kube-flannel-cfg Backend.Type=vxlan"));
      List<Namespace> ns =
          namespaces.stream().map(n -> new Namespace(n, Map.of(Namespace.NAME_LABEL, n))).toList();
      // one Service and one policy with a selector and a named port, so every JSON shape is present
      Service web =
          new Service(
              "shop",
              "web",
              ServiceType.CLUSTER_IP,
              false,
              List.of("10.96.0.20"),
              List.of(new ServicePort("http", 80, PortRef.named("http"), 0, Protocol.TCP, "")),
              Map.of("app", "web"),
              null,
              null,
              null,
              List.of(),
              null,
              List.of());
      NetworkPolicy policy =
          new NetworkPolicy(
              "shop",
              "web-from-frontend",
              LabelSelector.ofLabels(Map.of("app", "web")),
              List.of(NetworkPolicy.PolicyType.INGRESS),
              List.of(
                  new NetworkPolicy.PolicyRule(
                      List.of(
                          new NetworkPolicy.PolicyPeer(
                              LabelSelector.ofLabels(Map.of("app", "frontend")), null, null)),
                      List.of(
                          new NetworkPolicy.PolicyPort(Protocol.TCP, PortRef.named("http"), 0)))),
              List.of());
      List<Service> services = namespaces.contains("shop") ? List.of(web) : List.of();
      List<NetworkPolicy> policies = namespaces.contains("shop") ? List.of(policy) : List.of();
      return new ClusterState(
          new SourceInfo(kind, name, "", CAPTURED, List.of(), Map.of()),
          network,
          nodes,
          ns,
          pods,
          services,
          policies,
          interfaces,
          links);
    }

    private static String cidr(int node) {
      return "10.244." + (node % 250) + ".0/24";
    }

    private static String podIp(int node, int host) {
      return "10.244." + (node % 250) + "." + (host % 250 + 1);
    }
  }
}
