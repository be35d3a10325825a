package io.hopscope.snapshot;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.LabelRequirement;
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
import io.hopscope.topology.Sidecar;
import io.hopscope.topology.SourceInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Hand-built states for snapshot tests: every sealed variant, nulls where the model allows them.
 */
public final class SnapshotFixtures {

  private SnapshotFixtures() {}

  /**
   * Two nodes, a frontend and a backend pod, a Service, a policy, and one of each interface and
   * link kind.
   */
  public static ClusterState everyKindOfObject() {
    PodRef web = new PodRef("shop", "web-1");
    PodRef db = new PodRef("shop", "db-0");
    var source =
        new SourceInfo(
            "demo",
            "flannel-vxlan",
            "ctx <b>\"x\"</b>",
            Instant.parse("2026-11-26T14:00:00.123456789Z"),
            List.of("skipped one document", "ünïcödé ✓ <script>alert(1)</script>"),
            Map.of("ConfigMap", 3, "Secret", 1));
    var network =
        new NetworkProfile(
            CniPlugin.FLANNEL,
            CniMode.VXLAN,
            true,
            1450,
            List.of("10.244.0.0/16", "fd00::/48"),
            List.of("10.96.0.0/12"),
            KubeProxyMode.IPTABLES,
            "10.96.0.10",
            "cluster.local",
            List.of("kube-flannel-cfg Backend.Type=vxlan"));
    var nodes =
        List.of(
            new Node(
                "node-a",
                "192.168.1.10",
                "",
                List.of("10.244.0.0/24"),
                "zone-a",
                Map.of("kubernetes.io/hostname", "node-a"),
                true),
            new Node(
                "node-b",
                "192.168.1.11",
                "203.0.113.5",
                List.of("10.244.1.0/24"),
                "",
                Map.of(),
                false));
    var namespaces =
        List.of(new Namespace("shop", Map.of(Namespace.NAME_LABEL, "shop", "team", "web")));
    var pods =
        List.of(
            new Pod(
                "shop",
                "web-1",
                "uid-1",
                Map.of("role", "frontend"),
                Map.of("note", "line1\nline2"),
                new Owner("ReplicaSet", "web-6d4"),
                "node-a",
                List.of("10.244.0.5", "fd00::5"),
                false,
                List.of(
                    new Container(
                        "nginx",
                        "nginx:1.27",
                        List.of(new ContainerPort("http", 80, Protocol.TCP, 0)),
                        false),
                    new Container("init", null, List.of(), true)),
                List.of(new Sidecar("istio-proxy", "istio")),
                null,
                null,
                true),
            new Pod(
                "shop",
                "db-0",
                "",
                Map.of("role", "backend"),
                Map.of(),
                new Owner("StatefulSet", "db"),
                "node-b",
                List.of("10.244.1.7"),
                false,
                List.of(
                    new Container(
                        "redis",
                        "redis:7",
                        List.of(new ContainerPort("redis", 6379, Protocol.TCP, 0)),
                        false)),
                List.of(),
                "None",
                "Pending",
                false));
    var services =
        List.of(
            new Service(
                "shop",
                "db",
                ServiceType.CLUSTER_IP,
                false,
                List.of("10.96.0.20"),
                List.of(
                    new ServicePort(
                        "redis", 6379, PortRef.named("redis"), 0, Protocol.TCP, "redis"),
                    new ServicePort(null, 8080, null, 30080, Protocol.UDP, null)),
                Map.of("role", "backend"),
                null,
                "Local",
                "ClientIP",
                List.of(),
                null,
                List.of(
                    new Endpoint(
                        "10.244.1.7",
                        db,
                        "node-b",
                        true,
                        true,
                        false,
                        null,
                        List.of(new ContainerPort("redis", 6379, Protocol.TCP, 0))),
                    new Endpoint(
                        "192.0.2.1", null, null, false, false, true, "zone-b", List.of()))));
    var selector =
        new LabelSelector(
            Map.of("role", "backend"),
            List.of(
                new LabelRequirement("tier", LabelRequirement.Operator.NOT_IN, List.of("a", "b")),
                new LabelRequirement("env", LabelRequirement.Operator.EXISTS, List.of())));
    var policies =
        List.of(
            new NetworkPolicy(
                "shop",
                "db-allow-frontend",
                selector,
                List.of(NetworkPolicy.PolicyType.INGRESS, NetworkPolicy.PolicyType.EGRESS),
                List.of(
                    new NetworkPolicy.PolicyRule(
                        List.of(
                            new NetworkPolicy.PolicyPeer(
                                LabelSelector.ofLabels(Map.of("role", "frontend")), null, null),
                            new NetworkPolicy.PolicyPeer(null, LabelSelector.everything(), null),
                            new NetworkPolicy.PolicyPeer(
                                null,
                                null,
                                new NetworkPolicy.IpBlock("10.0.0.0/8", List.of("10.1.0.0/16")))),
                        List.of(
                            new NetworkPolicy.PolicyPort(Protocol.TCP, PortRef.of(6379), 6380),
                            new NetworkPolicy.PolicyPort(null, null, 0)))),
                List.of()));
    var interfaces =
        List.<NetInterface>of(
            new NetInterface.PodInterface(
                NetInterface.podId(web, "eth0"),
                "node-a",
                "eth0",
                1450,
                List.of("10.244.0.5"),
                Provenance.INFERRED,
                web),
            new NetInterface.VethEnd(
                NetInterface.hostId("node-a", "veth1"),
                "node-a",
                "veth1",
                1450,
                List.of(),
                Provenance.OBSERVED,
                web),
            new NetInterface.Bridge(
                NetInterface.hostId("node-a", "cni0"),
                "node-a",
                "cni0",
                1450,
                List.of("10.244.0.1/24"),
                Provenance.INFERRED),
            new NetInterface.Tunnel(
                NetInterface.hostId("node-a", "flannel.1"),
                "node-a",
                "flannel.1",
                1450,
                List.of("10.244.0.0/32"),
                Provenance.INFERRED,
                NetInterface.TunnelKind.VXLAN,
                1,
                8472,
                "192.168.1.10"),
            new NetInterface.Uplink(
                NetInterface.hostId("node-a", "eth0"),
                "node-a",
                "eth0",
                1500,
                List.of("192.168.1.10/24"),
                Provenance.OBSERVED),
            new NetInterface.Loopback(
                NetInterface.hostId("node-a", "lo"),
                "node-a",
                "lo",
                65536,
                List.of("127.0.0.1/8"),
                Provenance.INFERRED,
                null));
    var links =
        List.<Link>of(
            new Link.VethPair(
                NetInterface.podId(web, "eth0"), NetInterface.hostId("node-a", "veth1")),
            new Link.BridgePort(
                NetInterface.hostId("node-a", "veth1"), NetInterface.hostId("node-a", "cni0")),
            new Link.TunnelPeer(
                NetInterface.hostId("node-a", "flannel.1"),
                NetInterface.hostId("node-b", "flannel.1"),
                "192.168.1.11"),
            new Link.Route(
                NetInterface.hostId("node-a", "cni0"),
                NetInterface.hostId("node-a", "flannel.1"),
                "10.244.1.0/24",
                ""));
    return new ClusterState(
        source, network, nodes, namespaces, pods, services, policies, interfaces, links);
  }
}
