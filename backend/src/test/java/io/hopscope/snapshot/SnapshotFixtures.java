package io.hopscope.snapshot;

import static io.hopscope.fixtures.Devices.bridge;
import static io.hopscope.fixtures.Devices.flannelTunnel;
import static io.hopscope.fixtures.Devices.podEth0;
import static io.hopscope.fixtures.Devices.uplink;
import static io.hopscope.fixtures.Devices.veth;
import static io.hopscope.fixtures.Fixtures.container;
import static io.hopscope.fixtures.Fixtures.initContainer;
import static io.hopscope.fixtures.Fixtures.tcp;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.policy;
import static io.hopscope.fixtures.Policies.portRange;
import static io.hopscope.fixtures.Policies.rule;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Provenance;
import io.hopscope.topology.ServicePort;
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
    var network = Fixtures.network().wireguard(true).podCidrs("10.244.0.0/16", "fd00::/48").build();
    var nodes =
        List.of(
            Fixtures.node("node-a", "192.168.1.10")
                .podCidrs("10.244.0.0/24")
                .labels(Map.of("kubernetes.io/hostname", "node-a"))
                .build(),
            Fixtures.node("node-b", "192.168.1.11")
                .externalIp("203.0.113.5")
                .podCidrs("10.244.1.0/24")
                .zone("")
                .ready(false)
                .build());
    var namespaces = List.of(Fixtures.namespace("shop", Map.of("team", "web")));
    var pods =
        List.of(
            Fixtures.pod("shop", "web-1")
                .uid("uid-1")
                .labels(Map.of("role", "frontend"))
                .annotations(Map.of("note", "line1\nline2"))
                .owner("ReplicaSet", "web-6d4")
                .node("node-a")
                .ips("10.244.0.5", "fd00::5")
                .containers(
                    container("nginx", "nginx:1.27", tcp("http", 80)), initContainer("init", null))
                .sidecars(new Sidecar("istio-proxy", "istio"))
                .dnsPolicy(null)
                .phase(null)
                .build(),
            Fixtures.pod("shop", "db-0")
                .labels(Map.of("role", "backend"))
                .owner("StatefulSet", "db")
                .node("node-b")
                .ips("10.244.1.7")
                .containers(container("redis", "redis:7", tcp("redis", 6379)))
                .dnsPolicy("None")
                .pending()
                .build());
    var services =
        List.of(
            Fixtures.service("shop", "db")
                .clusterIp("10.96.0.20")
                .ports(
                    new ServicePort(
                        "redis", 6379, PortRef.named("redis"), 0, Protocol.TCP, "redis"),
                    new ServicePort(null, 8080, null, 30080, Protocol.UDP, null))
                .selector(Map.of("role", "backend"))
                .internalTrafficPolicy("Local")
                .sessionAffinity("ClientIP")
                .endpoints(
                    new Endpoint(
                        "10.244.1.7",
                        db,
                        "node-b",
                        true,
                        true,
                        false,
                        null,
                        List.of(tcp("redis", 6379))),
                    new Endpoint("192.0.2.1", null, null, false, false, true, "zone-b", List.of()))
                .build());
    var selector =
        new LabelSelector(
            Map.of("role", "backend"),
            List.of(
                new LabelRequirement("tier", LabelRequirement.Operator.NOT_IN, List.of("a", "b")),
                new LabelRequirement("env", LabelRequirement.Operator.EXISTS, List.of())));
    var policies =
        List.of(
            policy(
                "shop",
                "db-allow-frontend",
                selector,
                List.of(PolicyType.INGRESS, PolicyType.EGRESS),
                List.of(
                    rule(
                        peers(
                            podPeer(labels("role", "frontend")),
                            namespacePeer(all()),
                            ipBlock("10.0.0.0/8", "10.1.0.0/16")),
                        portRange(Protocol.TCP, 6379, 6380),
                        new PolicyPort(null, null, 0))),
                List.of()));
    var interfaces =
        List.<NetInterface>of(
            podEth0(web, "node-a", 1450, Provenance.INFERRED, "10.244.0.5"),
            veth("node-a", "veth1", 1450, Provenance.OBSERVED, web),
            bridge("node-a", "cni0", 1450, Provenance.INFERRED, "10.244.0.1/24"),
            flannelTunnel("node-a", 1450, "192.168.1.10", "10.244.0.0/32"),
            uplink("node-a", 1500, Provenance.OBSERVED, "192.168.1.10/24"),
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
    return Fixtures.cluster()
        .source(source)
        .network(network)
        .nodes(nodes)
        .namespaces(namespaces)
        .pods(pods)
        .services(services)
        .policies(policies)
        .interfaces(interfaces)
        .links(links)
        .build();
  }
}
