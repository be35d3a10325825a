package io.hopscope.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.SourceInfo;
import io.hopscope.trace.Component;
import io.hopscope.trace.Hop;
import io.hopscope.trace.PacketTracer;
import io.hopscope.trace.Trace;
import io.hopscope.trace.TraceRequest;
import io.hopscope.trace.TraceVerdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds the datapath that the tracer describes out of real Linux devices (network namespaces for
 * two nodes and two pods, veth pairs, the CNI's bridge, VXLAN device and routes, named as the model
 * names them) for Flannel VXLAN and host-gw, Calico BGP and Calico VXLAN, sends real packets
 * between the pods, and checks that every device the trace claims on the way carried them and that
 * the kernel's route choice is the tracer's.
 */
class DatapathNetnsIT {

  private static final Set<Component> LINK_LAYER =
      Set.of(
          Component.POD_INTERFACE,
          Component.VETH,
          Component.BRIDGE,
          Component.TUNNEL,
          Component.UNDERLAY);

  @BeforeAll
  static void needsRootAndIproute() {
    HostRequirements.require(
        HostRequirements.isRoot(), "datapath tests need root (network namespaces)");
    HostRequirements.require(
        HostRequirements.hasCommand("ip") && HostRequirements.hasCommand("ping"),
        "datapath tests need iproute2 and iputils-ping (apt-get install -y iproute2 iputils-ping)");
  }

  @ParameterizedTest(name = "{0}: pod to pod across nodes")
  @ValueSource(strings = {"flannel-vxlan", "flannel-host-gw", "calico-bgp", CALICO_VXLAN})
  @DisplayName(
      "the devices a cross-node trace names carry real packets, in the kernel's route order")
  void crossNodePathIsReal(String scenario) {
    ClusterState state =
        scenario.equals(CALICO_VXLAN) ? calicoVxlan() : new DemoScenarios().load(scenario);
    ClusterIndex index = ClusterIndex.of(state);
    PacketTracer tracer = PacketTracer.of(index, PolicyEvaluator.of(state));
    Pair pair = allowedCrossNodePair(state, tracer);

    try (Netns netns = new Netns("hs" + UUID.randomUUID().toString().substring(0, 6))) {
      Built built = new DatapathBuilder(netns, state, index).build(pair.source(), pair.target());

      Map<String, Long> before = counters(netns, built, pair.trace());
      String ping =
          netns.in(
              built.podNamespace(pair.source()),
              "ping",
              "-c",
              "3",
              "-i",
              "0.2",
              "-W",
              "2",
              pair.target().primaryIp());
      assertThat(ping).contains("3 received");
      Map<String, Long> after = counters(netns, built, pair.trace());

      assertThat(after).as("devices named by the trace on both nodes").isNotEmpty();
      after.forEach(
          (device, packets) ->
              assertThat(packets)
                  .as("packets through %s (trace: %s)", device, describe(pair.trace()))
                  .isGreaterThan(before.get(device)));

      String route =
          netns.in(
              built.nodeNamespace(pair.source().nodeName()),
              "ip",
              "route",
              "get",
              pair.target().primaryIp());
      assertThat(routeDevice(route))
          .as("kernel route on %s: %s", pair.source().nodeName(), route)
          .isEqualTo(expectedEgressDevice(pair.trace(), pair.source().nodeName(), state));
    }
  }

  /** Not a demo cluster: the calico-ipip demo with its IP pool switched from IPIP to VXLAN. */
  private static final String CALICO_VXLAN =
      "calico-vxlan (calico-ipip demo, pool switched to VXLAN)";

  /**
   * The calico-ipip demo's manifests with {@code CALICO_IPV4POOL_IPIP=Never} and {@code
   * CALICO_IPV4POOL_VXLAN=Always} on calico-node, through the same translation as any input: routed
   * pods ({@code cali*} veths, proxy ARP) and a {@code vxlan.calico} tunnel.
   */
  private static ClusterState calicoVxlan() {
    List<HasMetadata> objects =
        new ManifestParser().parseTree(Path.of("src/main/resources/demo/calico-ipip")).objects();
    for (HasMetadata object : objects) {
      if (object instanceof DaemonSet ds && ds.getMetadata().getName().equals("calico-node")) {
        ds.getSpec().getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals("calico-node"))
            .flatMap(c -> c.getEnv().stream())
            .forEach(
                env -> {
                  switch (env.getName()) {
                    case "CALICO_IPV4POOL_IPIP" -> env.setValue("Never");
                    case "CALICO_IPV4POOL_VXLAN" -> env.setValue("Always");
                    default -> {}
                  }
                });
      }
    }
    ClusterState state =
        ClusterAssembler.assemble(
            objects,
            new SourceInfo("manifests", "calico-vxlan", "", Instant.now(), List.of(), Map.of()));
    assertThat(state.network().mode()).isEqualTo(CniMode.VXLAN);
    return state;
  }

  private record Pair(Pod source, Pod target, Trace trace) {}

  private static Pair allowedCrossNodePair(ClusterState state, PacketTracer tracer) {
    List<Pod> pods =
        state.pods().stream()
            .filter(p -> !p.hostNetwork() && !p.primaryIp().isEmpty() && !p.nodeName().isEmpty())
            .filter(p -> p.containers().stream().anyMatch(c -> !c.init() && !c.ports().isEmpty()))
            .toList();
    for (Pod source : pods) {
      for (Pod target : pods) {
        if (source.nodeName().equals(target.nodeName())) {
          continue;
        }
        Trace trace =
            tracer.trace(
                new TraceRequest(
                    source.ref(),
                    "",
                    new EndpointRef.PodEndpoint(target.ref(), ""),
                    0,
                    Protocol.TCP));
        if (trace.verdict() == TraceVerdict.ALLOWED) {
          return new Pair(source, target, trace);
        }
      }
    }
    throw new AssertionError("no allowed cross-node pod pair in " + state.source().name());
  }

  /** Packet counters (rx + tx) of every link-layer device the trace names, keyed node/device. */
  private static Map<String, Long> counters(Netns netns, Built built, Trace trace) {
    Map<String, Long> packets = new LinkedHashMap<>();
    for (Hop hop : trace.hops()) {
      if (!LINK_LAYER.contains(hop.component()) || hop.device().isEmpty() || hop.node().isEmpty()) {
        continue;
      }
      String namespace =
          hop.component() == Component.POD_INTERFACE
              ? built.podNamespaceOnNode(hop.node())
              : built.nodeNamespace(hop.node());
      String stats =
          netns.run("ip", "-n", namespace, "-s", "-o", "link", "show", "dev", hop.device());
      packets.put(hop.node() + "/" + hop.device() + " (" + hop.component() + ")", rxPlusTx(stats));
    }
    return packets;
  }

  private static final Pattern STATS =
      Pattern.compile("RX:[^\\\\]*\\\\\\s+(\\d+)\\s+(\\d+).*?TX:[^\\\\]*\\\\\\s+(\\d+)\\s+(\\d+)");

  /** {@code ip -s -o link} prints "RX: bytes packets ... \ 123 4 ... TX: ... \ 567 8 ...". */
  private static long rxPlusTx(String stats) {
    Matcher m = STATS.matcher(stats);
    if (!m.find()) {
      throw new IllegalStateException("cannot read counters from: " + stats);
    }
    return Long.parseLong(m.group(2)) + Long.parseLong(m.group(4));
  }

  private static String routeDevice(String routeGet) {
    Matcher m = Pattern.compile("\\bdev (\\S+)").matcher(routeGet);
    return m.find() ? m.group(1) : "";
  }

  /**
   * The device the trace says the packet leaves the source node by: its tunnel, else its uplink.
   */
  private static String expectedEgressDevice(Trace trace, String node, ClusterState state) {
    Optional<Hop> tunnel =
        trace.hops().stream()
            .filter(h -> h.node().equals(node) && h.component() == Component.TUNNEL)
            .findFirst();
    if (tunnel.isPresent()) {
      return tunnel.get().device();
    }
    assertThat(state.network().mode()).isIn(CniMode.HOST_GW, CniMode.BGP);
    return trace.hops().stream()
        .filter(h -> h.node().equals(node) && h.component() == Component.UNDERLAY)
        .map(Hop::device)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("trace names no uplink on " + node + ": " + describe(trace)));
  }

  private static String describe(Trace trace) {
    StringBuilder out = new StringBuilder();
    trace
        .hops()
        .forEach(
            h ->
                out.append("\n  ")
                    .append(h.index())
                    .append(' ')
                    .append(h.component())
                    .append(' ')
                    .append(h.action())
                    .append(' ')
                    .append(h.node())
                    .append(' ')
                    .append(h.device()));
    return out.toString();
  }

  /** Namespaces made for one test: nodes by name, pods by node. */
  record Built(
      Map<String, String> nodes, Map<String, String> podsByNode, Map<String, String> pods) {
    String nodeNamespace(String node) {
      return nodes.get(node);
    }

    String podNamespaceOnNode(String node) {
      return podsByNode.get(node);
    }

    String podNamespace(Pod pod) {
      return pods.get(pod.ref().toString());
    }
  }

  /** Creates the devices of two nodes and one pod on each, from the model's interfaces. */
  private static final class DatapathBuilder {
    private final Netns netns;
    private final ClusterState state;
    private final ClusterIndex index;
    private final Map<String, String> nodes = new HashMap<>();
    private final Map<String, String> podsByNode = new HashMap<>();
    private final Map<String, String> pods = new HashMap<>();
    private final Map<String, String> vteps = new HashMap<>();

    DatapathBuilder(Netns netns, ClusterState state, ClusterIndex index) {
      this.netns = netns;
      this.state = state;
      this.index = index;
    }

    Built build(Pod a, Pod b) {
      String nodeA = a.nodeName();
      String nodeB = b.nodeName();
      nodes.put(nodeA, netns.add("node-a"));
      nodes.put(nodeB, netns.add("node-b"));
      underlay(nodeA, nodeB);
      for (String node : List.of(nodeA, nodeB)) {
        hostDevices(node);
      }
      pod(a, "pod-a");
      pod(b, "pod-b");
      routeTowards(nodeA, nodeB, b);
      routeTowards(nodeB, nodeA, a);
      return new Built(nodes, podsByNode, pods);
    }

    private void underlay(String nodeA, String nodeB) {
      String tag = nodes.get(nodeA).substring(2, 8);
      String endA = "u" + tag + "a";
      String endB = "u" + tag + "b";
      netns.run("ip", "link", "add", endA, "type", "veth", "peer", "name", endB);
      attachUplink(nodeA, endA);
      attachUplink(nodeB, endB);
    }

    private void attachUplink(String node, String temporaryName) {
      String ns = nodes.get(node);
      NetInterface uplink = device(node, NetInterface.Uplink.class);
      netns.run("ip", "link", "set", temporaryName, "netns", ns);
      netns.run("ip", "-n", ns, "link", "set", temporaryName, "name", uplink.name());
      netns.run(
          "ip",
          "-n",
          ns,
          "addr",
          "add",
          index.node(node).orElseThrow().internalIp() + "/24",
          "dev",
          uplink.name());
      netns.run("ip", "-n", ns, "link", "set", uplink.name(), "up");
      // Nodes have a default route; Calico's proxy ARP for 169.254.1.1 only answers when one
      // exists.
      netns.run("ip", "-n", ns, "route", "add", "default", "dev", uplink.name());
      netns.in(ns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    }

    private void hostDevices(String node) {
      String ns = nodes.get(node);
      findDevice(node, NetInterface.Bridge.class)
          .ifPresent(
              bridge -> {
                netns.run(
                    "ip",
                    "-n",
                    ns,
                    "link",
                    "add",
                    bridge.name(),
                    "mtu",
                    Integer.toString(bridge.mtu()),
                    "type",
                    "bridge");
                netns.run(
                    "ip",
                    "-n",
                    ns,
                    "addr",
                    "add",
                    bridge.addresses().get(0) + "/" + podPrefix(node),
                    "dev",
                    bridge.name());
                netns.run("ip", "-n", ns, "link", "set", bridge.name(), "up");
              });
      findDevice(node, NetInterface.Tunnel.class)
          .ifPresent(
              device -> {
                NetInterface.Tunnel tunnel = (NetInterface.Tunnel) device;
                assertThat(tunnel.tunnelKind()).isEqualTo(NetInterface.TunnelKind.VXLAN);
                String uplink = device(node, NetInterface.Uplink.class).name();
                netns.run(
                    "ip",
                    "-n",
                    ns,
                    "link",
                    "add",
                    tunnel.name(),
                    "mtu",
                    Integer.toString(tunnel.mtu()),
                    "type",
                    "vxlan",
                    "id",
                    Integer.toString(tunnel.vni()),
                    "local",
                    tunnel.localAddress(),
                    "dev",
                    uplink,
                    "dstport",
                    Integer.toString(tunnel.udpPort()),
                    "nolearning");
                // Flannel's model names the VTEP address (the node's pod CIDR .0); Calico's IPAM
                // blocks are
                // not in the model, so the test gives each node's vxlan.calico an address as Felix
                // would.
                String vtep =
                    tunnel.addresses().isEmpty()
                        ? "169.254.200." + (vteps.size() + 1)
                        : tunnel.addresses().get(0);
                vteps.put(node, vtep);
                netns.run("ip", "-n", ns, "addr", "add", vtep + "/32", "dev", tunnel.name());
                netns.run("ip", "-n", ns, "link", "set", tunnel.name(), "up");
              });
    }

    private void pod(Pod pod, String name) {
      String node = pod.nodeName();
      String nodeNs = nodes.get(node);
      String podNs = netns.add(name);
      pods.put(pod.ref().toString(), podNs);
      podsByNode.put(node, podNs);
      NetInterface veth =
          state.interfaces().stream()
              .filter(i -> i instanceof NetInterface.VethEnd v && v.pod().equals(pod.ref()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no veth for " + pod.ref()));
      NetInterface eth0 =
          state.interfaces().stream()
              .filter(i -> i instanceof NetInterface.PodInterface p && p.pod().equals(pod.ref()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no pod interface for " + pod.ref()));
      netns.run(
          "ip",
          "-n",
          nodeNs,
          "link",
          "add",
          veth.name(),
          "mtu",
          Integer.toString(veth.mtu()),
          "type",
          "veth",
          "peer",
          "name",
          eth0.name(),
          "netns",
          podNs);
      netns.run(
          "ip", "-n", podNs, "link", "set", eth0.name(), "mtu", Integer.toString(eth0.mtu()), "up");
      netns.run("ip", "-n", nodeNs, "link", "set", veth.name(), "up");
      Optional<NetInterface> bridge = findDevice(node, NetInterface.Bridge.class);
      if (bridge.isPresent()) {
        netns.run("ip", "-n", nodeNs, "link", "set", veth.name(), "master", bridge.get().name());
        netns.run(
            "ip",
            "-n",
            podNs,
            "addr",
            "add",
            pod.primaryIp() + "/" + podPrefix(node),
            "dev",
            eth0.name());
        netns.run(
            "ip", "-n", podNs, "route", "add", "default", "via", bridge.get().addresses().get(0));
      } else {
        // Routed CNI (Calico): /32 in the pod, proxy ARP for the link-local gateway on the host
        // end.
        netns.in(nodeNs, "sysctl", "-qw", "net.ipv4.conf." + veth.name() + ".proxy_arp=1");
        netns.run("ip", "-n", nodeNs, "route", "add", pod.primaryIp() + "/32", "dev", veth.name());
        netns.run("ip", "-n", podNs, "addr", "add", pod.primaryIp() + "/32", "dev", eth0.name());
        netns.run(
            "ip", "-n", podNs, "route", "add", "169.254.1.1", "dev", eth0.name(), "scope", "link");
        netns.run(
            "ip", "-n", podNs, "route", "add", "default", "via", "169.254.1.1", "dev", eth0.name());
      }
    }

    /**
     * The route BGP or the CNI daemon would install: the peer's pod CIDR (or, without one, the peer
     * pod).
     */
    private void routeTowards(String from, String to, Pod peerPod) {
      String ns = nodes.get(from);
      String peerIp = index.node(to).orElseThrow().internalIp();
      List<String> peerCidrs = index.node(to).orElseThrow().podCidrs();
      String peerCidr = peerCidrs.isEmpty() ? peerPod.primaryIp() + "/32" : peerCidrs.get(0);
      Optional<NetInterface> tunnel = findDevice(from, NetInterface.Tunnel.class);
      if (tunnel.isPresent()) {
        NetInterface peerTunnel = device(to, NetInterface.Tunnel.class);
        String peerMac = mac(nodes.get(to), peerTunnel.name());
        String gateway = vteps.get(to);
        netns.run(
            "ip",
            "-n",
            ns,
            "route",
            "add",
            peerCidr,
            "via",
            gateway,
            "dev",
            tunnel.get().name(),
            "onlink");
        netns.run(
            "ip",
            "-n",
            ns,
            "neigh",
            "add",
            gateway,
            "lladdr",
            peerMac,
            "dev",
            tunnel.get().name(),
            "nud",
            "permanent");
        netns.in(ns, "bridge", "fdb", "append", peerMac, "dev", tunnel.get().name(), "dst", peerIp);
      } else {
        netns.run(
            "ip",
            "-n",
            ns,
            "route",
            "add",
            peerCidr,
            "via",
            peerIp,
            "dev",
            device(from, NetInterface.Uplink.class).name());
      }
    }

    private String mac(String ns, String device) {
      Matcher m =
          Pattern.compile("link/ether (\\S+)")
              .matcher(netns.run("ip", "-n", ns, "-o", "link", "show", "dev", device));
      if (!m.find()) {
        throw new IllegalStateException("no MAC on " + device);
      }
      return m.group(1);
    }

    private int podPrefix(String node) {
      String cidr = index.node(node).orElseThrow().podCidrs().get(0);
      return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    private NetInterface device(String node, Class<? extends NetInterface> kind) {
      return findDevice(node, kind)
          .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " on " + node));
    }

    private Optional<NetInterface> findDevice(String node, Class<? extends NetInterface> kind) {
      return state.interfaces().stream()
          .filter(i -> i.node().equals(node) && kind.isInstance(i))
          .findFirst();
    }
  }
}
