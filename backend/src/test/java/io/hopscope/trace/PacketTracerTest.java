package io.hopscope.trace;

import static io.hopscope.trace.TraceFixtures.flannelVxlan;
import static io.hopscope.trace.TraceFixtures.profile;
import static io.hopscope.trace.TraceFixtures.shop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.diagram.PolicyDiagram;
import io.hopscope.diagram.TraceDiagram;
import io.hopscope.fixtures.Fixtures;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.KubeProxyMode;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Provenance;
import io.hopscope.trace.internal.KubeProxyChainsAccess;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketTracerTest {

  static Trace trace(ClusterState state, String from, String to, String port) {
    return PacketTracer.of(state, PolicyEvaluator.of(state))
        .trace(TraceRequest.parse(from, to, port, null));
  }

  static Trace trace(String from, String to, String port) {
    return trace(shop(flannelVxlan()), from, to, port);
  }

  static List<Component> components(Trace trace) {
    return trace.hops().stream().map(Hop::component).toList();
  }

  static List<String> devices(Trace trace) {
    return trace.hops().stream().map(Hop::device).filter(d -> !d.isEmpty()).toList();
  }

  static String details(Trace trace) {
    return trace.hops().stream().map(Hop::detail).collect(Collectors.joining("\n"));
  }

  static List<String> verify(Trace trace) {
    return trace.hops().stream().flatMap(h -> h.verify().stream()).toList();
  }

  static List<Finding.Kind> findings(Trace trace) {
    return trace.findings().stream().map(Finding::kind).toList();
  }

  @Nested
  @DisplayName("Flannel VXLAN")
  class Flannel {

    @Test
    @DisplayName(
        "pods on different nodes: cni0, route via flannel.1, VXLAN encapsulation over eth0, decapsulation, cni0, delivery")
    void acrossNodes() {
      Trace t = trace("shop/web-1", "shop/api-1", "8080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(components(t))
          .containsSubsequence(
              Component.CONTAINER,
              Component.POD_INTERFACE,
              Component.VETH,
              Component.BRIDGE,
              Component.NETWORK_POLICY,
              Component.ROUTING,
              Component.TUNNEL,
              Component.UNDERLAY,
              Component.TUNNEL,
              Component.ROUTING,
              Component.BRIDGE,
              Component.NETWORK_POLICY,
              Component.VETH,
              Component.POD_INTERFACE,
              Component.CONTAINER);
      assertThat(t.hops())
          .filteredOn(h -> h.component() == Component.TUNNEL)
          .extracting(Hop::action)
          .containsExactly(Action.ENCAPSULATED, Action.DECAPSULATED);
      assertThat(devices(t))
          .contains("eth0", "cni0", "flannel.1")
          .anyMatch(d -> d.matches("veth[0-9a-f]{8}"));
      assertThat(details(t))
          .contains("VNI 1", "UDP 8472", "10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink");
      assertThat(verify(t))
          .contains(
              "kubectl exec -n shop web-1 -c nginx -- ip route get 10.244.1.6",
              "ip -d link show flannel.1",
              "bridge fdb show dev flannel.1",
              "tcpdump -ni eth0 udp port 8472 and host 192.168.1.12");
      assertThat(t.hops().get(t.hops().size() - 1).action()).isEqualTo(Action.DELIVERED);
      assertThat(t.hops())
          .extracting(Hop::index)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, t.hops().size()).boxed().toList());
    }

    @Test
    @DisplayName("pods on one node: the cni0 bridge switches between the two veths, no tunnel")
    void sameNode() {
      Trace t = trace("shop/web-1", "shop/cache-1", "6379");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(components(t)).doesNotContain(Component.TUNNEL, Component.UNDERLAY);
      assertThat(details(t)).contains("same node: cni0 switches the frame");
      assertThat(t.hops()).allMatch(h -> h.node().equals("node-1"));
    }

    @Test
    @DisplayName("the veth and MTU names come from the state's interfaces when it has them")
    void devicesFromState() {
      ClusterState state = shop(flannelVxlan(), TraceFixtures.flannelDevices(1450, 1500));
      Trace t = trace(state, "shop/web-1", "shop/api-1", "8080");
      assertThat(devices(t)).contains("vethobserved");
      assertThat(findings(t)).doesNotContain(Finding.Kind.MTU_EXCEEDS_PATH);
    }

    @Test
    @DisplayName("a pod MTU of 1500 over VXLAN on a 1500-byte uplink is a finding")
    void mtuFinding() {
      ClusterState state = shop(flannelVxlan(), TraceFixtures.flannelDevices(1500, 1500));
      Trace t = trace(state, "shop/web-1", "shop/api-1", "8080");
      assertThat(t.findings())
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo(Finding.Kind.MTU_EXCEEDS_PATH);
                assertThat(f.message()).contains("1500 + VXLAN overhead 50 = 1550", "at most 1450");
              });
    }
  }

  @Nested
  @DisplayName("containers of one pod")
  class OnePod {

    @Test
    @DisplayName("talk over loopback in the shared network namespace, without policy")
    void loopback() {
      Trace t = trace("shop/web-1:nginx", "shop/web-1:fluentd", "24224");
      assertThat(components(t))
          .containsExactly(Component.CONTAINER, Component.LOOPBACK, Component.CONTAINER);
      assertThat(t.hops().get(1).device()).isEqualTo("lo");
      assertThat(t.hops().get(2).detail()).contains("fluentd");
      assertThat(t.policy()).isNull();
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    }

    @Test
    @DisplayName("two containers declaring one port are a port conflict")
    void portConflict() {
      Trace t = trace("shop/clash-1:a", "shop/clash-1:b", "8080");
      assertThat(t.findings())
          .anySatisfy(
              f -> {
                assertThat(f.kind()).isEqualTo(Finding.Kind.PORT_CONFLICT);
                assertThat(f.message()).contains("a and b", "8080/TCP");
              });
    }
  }

  @Nested
  @DisplayName("Services")
  class Services {

    @Test
    @DisplayName(
        "ClusterIP: iptables DNAT lists every endpoint with its share and follows the first by address, to the named targetPort")
    void clusterIp() {
      Trace t = trace("shop/web-1", "service:shop/api", "80");
      Hop lb =
          t.hops().stream()
              .filter(h -> h.component() == Component.SERVICE_LB)
              .findFirst()
              .orElseThrow();
      assertThat(lb.action()).isEqualTo(Action.DNAT);
      assertThat(lb.address()).isEqualTo("10.96.10.10:80 -> 10.244.1.6:8080");
      assertThat(lb.detail())
          .contains(
              "10.244.1.6:8080 (shop/api-1) 1/2 (50.0%)",
              "10.244.2.7:8080 (shop/api-2) 1/2 (50.0%)",
              "first ready endpoint by address",
              KubeProxyChainsAccess.serviceChain("shop", "api", "http"));
      assertThat(lb.verify())
          .contains(
              "iptables -t nat -L "
                  + KubeProxyChainsAccess.serviceChain("shop", "api", "http")
                  + " -n");
      assertThat(t.port()).isEqualTo(80);
      assertThat(t.hops().get(t.hops().size() - 1).address()).isEqualTo("10.244.1.6:8080");
      assertThat(components(t).indexOf(Component.SERVICE_LB))
          .isLessThan(components(t).indexOf(Component.NETWORK_POLICY));
    }

    @Test
    @DisplayName("IPVS: the virtual server on kube-ipvs0 and ipvsadm to check it")
    void ipvs() {
      ClusterState state =
          shop(profile(CniPlugin.FLANNEL, CniMode.VXLAN, false, 1450, KubeProxyMode.IPVS));
      Hop lb =
          trace(state, "shop/web-1", "service:shop/api", "80").hops().stream()
              .filter(h -> h.component() == Component.SERVICE_LB)
              .findFirst()
              .orElseThrow();
      assertThat(lb.device()).isEqualTo("kube-ipvs0");
      assertThat(lb.verify()).contains("ipvsadm -Ln -t 10.96.10.10:80");
    }

    @Test
    @DisplayName("no ready endpoints: UNREACHABLE at the Service with the reason")
    void noEndpoints() {
      Trace t = trace("shop/web-1", "service:shop/empty", "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(t.reason()).contains("no ready endpoints");
      assertThat(findings(t)).contains(Finding.Kind.NO_READY_ENDPOINTS);
      assertThat(t.hops().get(t.hops().size() - 1).action()).isEqualTo(Action.DROPPED);
    }

    @Test
    @DisplayName(
        "a targetPort name no endpoint declares is a finding and leaves the Service without backends")
    void targetPortNotFound() {
      Trace t = trace("shop/web-1", "service:shop/bad-port", "80");
      assertThat(findings(t)).contains(Finding.Kind.TARGET_PORT_NOT_FOUND);
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
    }

    @Test
    @DisplayName("a port the Service does not have is UNREACHABLE with a finding")
    void servicePortMissing() {
      Trace t = trace("shop/web-1", "service:shop/api", "81");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(findings(t)).contains(Finding.Kind.SERVICE_PORT_NOT_FOUND);
    }

    @Test
    @DisplayName("headless: DNS returns the endpoints' pod IPs, no DNAT")
    void headless() {
      Trace t = trace("shop/web-1", "service:shop/api-headless", "8080");
      assertThat(components(t)).contains(Component.DNS).doesNotContain(Component.SERVICE_LB);
      assertThat(t.hops().get(1).detail()).contains("10.244.1.6, 10.244.2.7");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    }

    @Test
    @DisplayName("ExternalName: a CNAME, then out of the cluster with masquerade")
    void externalName() {
      Trace t = trace("shop/web-1", "service:shop/ext", "443");
      assertThat(t.hops().get(1).action()).isEqualTo(Action.RESOLVED);
      assertThat(t.hops().get(1).detail()).contains("example.com");
      assertThat(t.hops()).anyMatch(h -> h.action() == Action.SNAT);
      assertThat(t.hops().get(t.hops().size() - 1).component()).isEqualTo(Component.UNDERLAY);
    }

    @Test
    @DisplayName(
        "NodePort on another node: node network, DNAT there, SNAT to that node, then the tunnel to the endpoint")
    void nodePort() {
      Trace t = trace("shop/api-1", "ip:192.168.1.13", "30080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      Hop lb =
          t.hops().stream()
              .filter(h -> h.component() == Component.SERVICE_LB && h.action() == Action.DNAT)
              .findFirst()
              .orElseThrow();
      assertThat(lb.node()).isEqualTo("node-3");
      assertThat(lb.detail()).contains("KUBE-NODEPORTS", "NodePort");
      assertThat(t.hops())
          .anyMatch(
              h ->
                  h.component() == Component.SERVICE_LB
                      && h.action() == Action.SNAT
                      && h.node().equals("node-3"));
      assertThat(t.hops())
          .anyMatch(h -> h.component() == Component.TUNNEL && h.node().equals("node-3"));
      assertThat(t.hops().get(t.hops().size() - 1).node()).isEqualTo("node-1");
    }

    @Test
    @DisplayName(
        "NodePort with externalTrafficPolicy Local on a node without endpoint is UNREACHABLE")
    void nodePortLocal() {
      Trace t = trace("shop/api-1", "ip:192.168.1.13", "30081");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(t.reason()).contains("externalTrafficPolicy Local");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"service:shop/web", "ip:10.96.10.20", "dns:web"})
    @DisplayName(
        "a Service traced on its node port says the node port is reached at a node address, and that trace works")
    void nodePortOnService(String to) {
      Trace t = trace("shop/api-1", to, "30080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      Finding finding =
          t.findings().stream()
              .filter(f -> f.kind() == Finding.Kind.SERVICE_PORT_NOT_FOUND)
              .findFirst()
              .orElseThrow();
      assertThat(finding.message())
          .contains(
              "30080 is the node port of its port 80/TCP",
              "node address",
              "to=ip:192.168.1.12&port=30080");
      assertThat(t.reason()).contains("node port", "to=ip:192.168.1.12&port=30080");

      java.util.regex.Matcher offered =
          java.util.regex.Pattern.compile("to=(ip:[0-9.]+)&port=(\\d+)").matcher(finding.message());
      assertThat(offered.find()).isTrue();
      Trace followed = trace("shop/api-1", offered.group(1), offered.group(2));
      assertThat(followed.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(followed.hops())
          .anyMatch(
              h ->
                  h.component() == Component.SERVICE_LB
                      && h.action() == Action.DNAT
                      && h.detail().contains("KUBE-NODEPORTS"));
      assertThat(followed.reason()).contains("shop/web-1");
    }

    @Test
    @DisplayName("a port that is no node port keeps the plain message listing the Service's ports")
    void plainMissingPort() {
      Trace t = trace("shop/api-1", "service:shop/web", "9999");
      assertThat(t.findings())
          .anyMatch(f -> f.message().contains("no port 9999/TCP (ports: 80/TCP)"));
      assertThat(t.reason()).doesNotContain("node port");
    }

    @Test
    @DisplayName("a LoadBalancer IP is captured by kube-proxy on the source node")
    void loadBalancerIp() {
      Trace t = trace("shop/web-1", "ip:203.0.113.10", "80");
      Hop lb =
          t.hops().stream()
              .filter(h -> h.component() == Component.SERVICE_LB)
              .findFirst()
              .orElseThrow();
      assertThat(lb.node()).isEqualTo("node-1");
      assertThat(lb.detail()).contains("LoadBalancer IP");
    }
  }

  @Nested
  @DisplayName("DNS names")
  class Names {

    @Test
    @DisplayName(
        "a short name walks the search path, asks CoreDNS through kube-dns, then follows the Service")
    void shortName() {
      Trace t = trace("shop/web-1", "dns:api", "80");
      assertThat(t.hops().get(1).detail())
          .contains(
              "nameserver 10.96.0.10",
              "search shop.svc.cluster.local svc.cluster.local cluster.local",
              "ndots:5",
              "api.shop.svc.cluster.local");
      Hop answer =
          t.hops().stream().filter(h -> h.action() == Action.RESOLVED).findFirst().orElseThrow();
      assertThat(answer.node()).isEqualTo("node-3");
      assertThat(answer.detail())
          .contains("kube-system/coredns-1", "api.shop.svc.cluster.local A 10.96.10.10");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    }

    @ParameterizedTest(name = "{0} resolves as {1}")
    @DisplayName(
        "NAME.NS, NAME.NS.svc.cluster.local and NAME in the source namespace all find the Service")
    @CsvSource({
      "api.shop, api.shop.svc.cluster.local",
      "api.shop.svc.cluster.local, api.shop.svc.cluster.local",
      "api, api.shop.svc.cluster.local"
    })
    void forms(String name, String fqdn) {
      Trace t = trace("shop/web-1", "dns:" + name, "80");
      Hop answer =
          t.hops().stream().filter(h -> h.action() == Action.RESOLVED).findFirst().orElseThrow();
      assertThat(answer.address()).isEqualTo(fqdn);
    }

    @Test
    @DisplayName("an unknown cluster name is UNREACHABLE (NXDOMAIN)")
    void nxdomain() {
      Trace t = trace("shop/web-1", "dns:nope.shop.svc.cluster.local", "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(findings(t)).contains(Finding.Kind.NAME_NOT_FOUND);
    }

    @Test
    @DisplayName("dnsPolicy Default uses the node's resolver: cluster names do not resolve")
    void nodeResolver() {
      Trace t = trace("shop/legacy-1", "dns:api", "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(findings(t)).contains(Finding.Kind.NAME_NOT_FOUND);
      assertThat(t.hops().get(1).detail()).contains("dnsPolicy Default");
    }

    @Test
    @DisplayName(
        "a name outside the cluster is forwarded upstream by CoreDNS and leaves through the uplink")
    void upstreamName() {
      Trace t = trace("shop/web-1", "dns:example.com", "443");
      assertThat(t.hops())
          .anyMatch(h -> h.action() == Action.RESOLVED && h.detail().contains("upstream"));
      assertThat(t.hops().get(t.hops().size() - 1).component()).isEqualTo(Component.UNDERLAY);
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    }

    @Test
    @DisplayName("DNS blocked by a default-deny egress policy is DENIED with a finding")
    void dnsBlocked() {
      Trace t = trace("payments/pay-1", "dns:api.shop", "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.DENIED);
      assertThat(findings(t)).contains(Finding.Kind.DNS_BLOCKED);
      assertThat(t.policy()).isNotNull();
      assertThat(t.policy().allowed()).isFalse();
    }
  }

  @Nested
  @DisplayName("policy and the rest")
  class PolicyAndMore {

    @Test
    @DisplayName("default-deny egress drops at the source node: DENIED, the policy named")
    void egressDenied() {
      Trace t = trace("payments/pay-1", "shop/api-1", "8080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.DENIED);
      Hop last = t.hops().get(t.hops().size() - 1);
      assertThat(last.component()).isEqualTo(Component.NETWORK_POLICY);
      assertThat(last.action()).isEqualTo(Action.DROPPED);
      assertThat(last.detail()).contains("egress", "payments/default-deny");
      assertThat(TraceDiagram.render(t)).contains(":::drop");
      assertThat(PolicyDiagram.render(t.policy())).contains("payments/default-deny");
    }

    @Test
    @DisplayName("default-deny ingress drops at the destination node")
    void ingressDenied() {
      Trace t = trace("shop/web-1", "payments/pay-1", "8443");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.DENIED);
      Hop last = t.hops().get(t.hops().size() - 1);
      assertThat(last.node()).isEqualTo("node-2");
      assertThat(last.detail()).contains("ingress", "payments/default-deny");
      assertThat(components(t)).contains(Component.TUNNEL);
    }

    @Test
    @DisplayName("an external address leaves through the node uplink with masquerade")
    void external() {
      Trace t = trace("shop/web-1", "ip:93.184.216.34", "443");
      assertThat(t.hops())
          .anySatisfy(
              h -> {
                assertThat(h.action()).isEqualTo(Action.SNAT);
                assertThat(h.address()).isEqualTo("10.244.0.5 -> 192.168.1.11");
              });
      assertThat(t.hops().get(t.hops().size() - 1).component()).isEqualTo(Component.UNDERLAY);
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    }

    @Test
    @DisplayName(
        "ingress from the pod's own node passes a default-deny (kubelet probes); from another node it is dropped")
    void fromOwnNode() {
      ClusterState base = shop(flannelVxlan());
      List<io.hopscope.topology.Pod> pods = new java.util.ArrayList<>(base.pods());
      pods.add(
          new io.hopscope.topology.Pod(
              "kube-system",
              "node-agent-2",
              "uid-agent-2",
              java.util.Map.of("app", "agent"),
              java.util.Map.of(),
              new io.hopscope.topology.Owner("DaemonSet", "node-agent"),
              "node-2",
              List.of("192.168.1.12"),
              true,
              List.of(io.hopscope.fixtures.Fixtures.container("agent", "agent:latest")),
              List.of(),
              "ClusterFirst",
              "Running",
              true));
      ClusterState state =
          new ClusterState(
              base.source(),
              base.network(),
              base.nodes(),
              base.namespaces(),
              pods,
              base.services(),
              base.networkPolicies(),
              base.interfaces(),
              base.links());
      // pay-1 runs on node-2 behind payments/default-deny
      Trace local = trace(state, "kube-system/node-agent-2", "payments/pay-1", "8443");
      assertThat(local.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(local.hops())
          .anySatisfy(
              h -> {
                assertThat(h.component()).isEqualTo(Component.NETWORK_POLICY);
                assertThat(h.action()).isEqualTo(Action.FORWARDED);
                assertThat(h.detail())
                    .contains(
                        "ingress at payments/pay-1",
                        "traffic from the pod's own node (node-2, 192.168.1.12, hostNetwork pod"
                            + " kube-system/node-agent-2) is always allowed");
              });
      assertThat(local.edgeLabels()).contains("ingress from own node: allowed");
      assertThat(PolicyDiagram.render(local.policy())).contains("from its own node: allowed");
      Trace remote = trace(state, "kube-system/node-agent-1", "payments/pay-1", "8443");
      assertThat(remote.verdict()).isEqualTo(TraceVerdict.DENIED);
      assertThat(remote.hops().get(remote.hops().size() - 1).detail())
          .contains("ingress", "payments/default-deny");
    }

    @Test
    @DisplayName(
        "a hostNetwork source starts in the node's namespace; a hostNetwork target is the node, outside pod policy")
    void hostNetwork() {
      Trace out = trace("kube-system/node-agent-1", "shop/api-1", "8080");
      assertThat(components(out))
          .doesNotContain(
              Component.POD_INTERFACE.equals(out.hops().get(1).component())
                  ? Component.LOOPBACK
                  : Component.LOOPBACK);
      assertThat(out.hops().get(1).component()).isNotEqualTo(Component.POD_INTERFACE);
      assertThat(out.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      Trace in = trace("shop/api-1", "kube-system/node-agent-1", "9100");
      assertThat(details(in)).contains("pod NetworkPolicy does not apply");
      assertThat(components(in)).doesNotContain(Component.TUNNEL);
      assertThat(in.hops().get(in.hops().size() - 1).detail())
          .contains("hostNetwork pod kube-system/node-agent-1");
    }

    @Test
    @DisplayName("a meshed destination gets an istio SIDECAR hop")
    void sidecar() {
      Trace t = trace("shop/web-1", "shop/meshed-1", "9090");
      assertThat(t.hops())
          .anySatisfy(
              h -> {
                assertThat(h.component()).isEqualTo(Component.SIDECAR);
                assertThat(h.detail()).contains("istio", "istio-proxy");
              });
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("an address in a cluster range that nothing owns is UNREACHABLE")
    @CsvSource({
      "ip:10.244.2.99, no pod has the address",
      "ip:10.96.99.99, no Service has the address"
    })
    void nobodyOwns(String target, String reason) {
      Trace t = trace("shop/web-1", target, "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.UNREACHABLE);
      assertThat(t.reason()).contains(reason);
    }

    @Test
    @DisplayName("a pending pod is UNREACHABLE")
    void pending() {
      assertThat(trace("shop/web-1", "shop/pending-1", "8080").verdict())
          .isEqualTo(TraceVerdict.UNREACHABLE);
    }

    @Test
    @DisplayName("the same request gives the same trace and diagrams")
    void deterministic() {
      ClusterState state = shop(flannelVxlan());
      Trace a = trace(state, "shop/web-1", "dns:api", "80");
      Trace b = trace(state, "shop/web-1", "dns:api", "80");
      assertThat(a).isEqualTo(b);
      assertThat(TraceDiagram.render(a))
          .startsWith("flowchart TB")
          .contains("subgraph", "node node-1", "node node-3");
    }
  }

  @Nested
  @DisplayName("bad requests")
  class BadRequests {

    @Test
    @DisplayName("unknown pods and containers are NOT_FOUND naming the parameter")
    void unknown() {
      assertThatThrownBy(() -> trace("shop/nope", "shop/api-1", "80"))
          .isInstanceOfSatisfying(
              TraceException.class,
              e -> {
                assertThat(e.parameter()).isEqualTo("from");
                assertThat(e.kind()).isEqualTo(TraceException.Kind.NOT_FOUND);
              });
      assertThatThrownBy(() -> trace("shop/web-1", "shop/api-1:nope", "80"))
          .isInstanceOfSatisfying(
              TraceException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
      assertThatThrownBy(() -> trace("shop/web-1", "service:shop/nope", "80"))
          .isInstanceOfSatisfying(
              TraceException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @ParameterizedTest(name = "from={0} to={1} port={2} protocol={3} -> {4}")
    @DisplayName("malformed parameters are INVALID naming the parameter")
    @CsvSource({
      "shop/web-1, shop/api-1, 0, TCP, port",
      "shop/web-1, shop/api-1, http, TCP, port",
      "shop/web-1, shop/api-1, 80, ICMP, protocol",
      "service:shop/api, shop/api-1, 80, TCP, from",
      "shop/web-1, nope, 80, TCP, to",
      "shop/web-1, ip:999.1.1.1, 80, TCP, to"
    })
    void invalid(String from, String to, String port, String protocol, String parameter) {
      assertThatThrownBy(() -> TraceRequest.parse(from, to, port, protocol))
          .isInstanceOfSatisfying(
              TraceException.class,
              e -> {
                assertThat(e.parameter()).isEqualTo(parameter);
                assertThat(e.kind()).isEqualTo(TraceException.Kind.INVALID);
              });
    }
  }

  @Nested
  @DisplayName("other CNIs")
  class OtherCnis {

    @ParameterizedTest(name = "{0} {1} wireguard={2}: {4}")
    @DisplayName("each CNI mode names its own devices across nodes")
    @CsvSource({
      "CALICO, BGP, false, IPTABLES, '', proto bird",
      "CALICO, IPIP, false, IPTABLES, tunl0, IP-in-IP",
      "CALICO, VXLAN, false, IPTABLES, vxlan.calico, UDP 4789",
      "CALICO, BGP, true, IPTABLES, wireguard.cali, WireGuard",
      "CILIUM, VXLAN, false, EBPF, cilium_vxlan, UDP 8472",
      "CILIUM, GENEVE, false, EBPF, cilium_geneve, UDP 6081",
      "CILIUM, NATIVE, false, EBPF, '', native routing",
      "CILIUM, VXLAN, true, EBPF, cilium_wg0, WireGuard",
      "WEAVE, FASTDP, false, IPTABLES, vxlan-6784, UDP 6784",
      "WEAVE, SLEEVE, false, IPTABLES, weave, UDP 6783",
      "FLANNEL, HOST_GW, false, IPTABLES, '', host-gw",
      "FLANNEL, WIREGUARD, false, IPTABLES, flannel-wg, WireGuard"
    })
    void devicesPerCni(
        CniPlugin plugin,
        CniMode mode,
        boolean wireguard,
        KubeProxyMode proxy,
        String device,
        String text) {
      Trace t =
          trace(
              shop(profile(plugin, mode, wireguard, 1400, proxy)),
              "shop/web-1",
              "shop/api-1",
              "8080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      if (!device.isEmpty()) {
        assertThat(devices(t)).contains(device);
      }
      assertThat(details(t)).contains(text);
      String vethPrefix =
          switch (plugin) {
            case CALICO -> "cali[0-9a-f]{11}";
            case CILIUM -> "lxc[0-9a-f]{12}";
            case WEAVE -> "vethwepl[0-9a-f]{7}";
            default -> "veth[0-9a-f]{8}";
          };
      assertThat(devices(t)).anyMatch(d -> d.matches(vethPrefix));
    }

    @Test
    @DisplayName(
        "Cilium kube-proxy replacement balances at the socket, before the packet leaves the pod")
    void socketLb() {
      Trace t =
          trace(
              shop(profile(CniPlugin.CILIUM, CniMode.VXLAN, false, 1450, KubeProxyMode.EBPF)),
              "shop/web-1",
              "service:shop/api",
              "80");
      assertThat(components(t).indexOf(Component.SERVICE_LB))
          .isLessThan(components(t).indexOf(Component.POD_INTERFACE));
      assertThat(verify(t))
          .contains(
              "kubectl -n kube-system exec <cilium pod on node-1> -c cilium-agent -- cilium-dbg bpf lb list");
      assertThat(verify(t)).noneMatch(v -> v.contains("ds/cilium"));
      assertThat(components(t)).contains(Component.EBPF);
    }

    @Test
    @DisplayName(
        "Cilium without socket LB: the packet leaves the pod for the ClusterIP, bpf_lxc DNATs it on the veth")
    void perPacketLb() {
      NetworkProfile socket =
          profile(CniPlugin.CILIUM, CniMode.VXLAN, false, 1450, KubeProxyMode.EBPF);
      NetworkProfile perPacket =
          new NetworkProfile(
              socket.plugin(),
              socket.mode(),
              socket.wireguard(),
              socket.mtu(),
              socket.podCidrs(),
              socket.serviceCidrs(),
              socket.kubeProxyMode(),
              socket.clusterDnsIp(),
              socket.clusterDomain(),
              socket.detectedFrom(),
              false,
              true);
      Trace t = trace(shop(perPacket), "shop/web-1", "service:shop/api", "80");

      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(components(t))
          .containsSubsequence(
              Component.POD_INTERFACE, Component.VETH, Component.EBPF, Component.SERVICE_LB);
      Hop dnat =
          t.hops().stream()
              .filter(h -> h.component() == Component.SERVICE_LB)
              .findFirst()
              .orElseThrow();
      assertThat(dnat.device()).isNotEqualTo("socket");
      assertThat(dnat.detail()).contains("per packet by bpf_lxc");
      assertThat(t.datapath()).contains("per packet, no socket LB");
      assertThat(devices(t)).doesNotContain("socket");
    }

    @Test
    @DisplayName("Calico IPIP with a 1500 pod MTU is an MTU finding (20 bytes of IPIP)")
    void calicoMtu() {
      Trace t =
          trace(
              shop(profile(CniPlugin.CALICO, CniMode.IPIP, false, 1500, KubeProxyMode.IPTABLES)),
              "shop/web-1",
              "shop/api-1",
              "8080");
      assertThat(t.findings())
          .anyMatch(
              f ->
                  f.kind() == Finding.Kind.MTU_EXCEEDS_PATH
                      && f.message().contains("IPIP overhead 20"));
    }

    @Test
    @DisplayName("an unknown CNI gets the generic L3 model, every hop labelled assumed")
    void unknownCni() {
      Trace t = trace(shop(NetworkProfile.unknown()), "shop/web-1", "shop/api-1", "8080");
      assertThat(findings(t)).contains(Finding.Kind.ASSUMED_DATAPATH);
      assertThat(t.hops()).allMatch(h -> h.detail().startsWith("assumed"));
      assertThat(t.datapath()).contains("assumed");
    }
  }

  @Nested
  @DisplayName("Calico names")
  class CalicoNames {

    private static ClusterState calico(CniMode mode) {
      return shop(profile(CniPlugin.CALICO, mode, false, 1440, KubeProxyMode.IPTABLES));
    }

    /** The state with every node's pod CIDR removed: Calico routes per IPAM block then. */
    private static ClusterState withoutNodeCidrs(ClusterState s) {
      List<Node> nodes = s.nodes().stream().map(n -> Fixtures.node(n).podCidrs().build()).toList();
      return Fixtures.cluster(s).nodes(nodes).build();
    }

    @Test
    @DisplayName(
        "veths and Felix chains are cali + 11 hex of SHA-1(namespace.pod): shop/web-1 is cali751425ce827")
    void vethAndChains() {
      // printf 'shop.web-1' | sha1sum | cut -c1-11 -> 751425ce827; shop.api-1 -> dc9f65f8e42
      Trace t = trace(calico(CniMode.IPIP), "shop/web-1", "shop/api-1", "8080");
      assertThat(devices(t)).contains("cali751425ce827", "calidc9f65f8e42");
      assertThat(verify(t))
          .contains(
              "iptables -L cali-fw-cali751425ce827 -n -v",
              "iptables -L cali-tw-cali751425ce827 -n -v",
              "iptables -L cali-fw-calidc9f65f8e42 -n -v");
    }

    @Test
    @DisplayName(
        "a state whose Calico veths carry another prefix (FELIX_INTERFACEPREFIX) names the missing ones alike")
    void prefixLearntFromState() {
      ClusterState base = calico(CniMode.IPIP);
      NetInterface observed =
          new NetInterface.VethEnd(
              NetInterface.hostId("node-1", "azv751425ce827"),
              "node-1",
              "azv751425ce827",
              1440,
              List.of(),
              Provenance.OBSERVED,
              new PodRef("shop", "web-1"));
      ClusterState state = shop(base.network(), List.of(observed));
      Trace t = trace(state, "shop/web-1", "shop/api-1", "8080");
      assertThat(devices(t)).contains("azv751425ce827", "azvdc9f65f8e42");
      assertThat(devices(t)).noneMatch(d -> d.startsWith("cali") && d.length() == 15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"BGP", "IPIP", "VXLAN"})
    @DisplayName(
        "without node pod CIDRs the route names the pod's /26 block, not the pod address with /26")
    void blockRoute(CniMode mode) {
      Trace t = trace(withoutNodeCidrs(calico(mode)), "shop/web-1", "shop/api-2", "8080");
      assertThat(details(t)).contains("route 10.244.2.0/26 block").doesNotContain("10.244.2.7/26");
    }

    @Test
    @DisplayName("with node pod CIDRs the route names the node's range that holds the pod")
    void nodeCidrRoute() {
      Trace t = trace(calico(CniMode.BGP), "shop/web-1", "shop/api-2", "8080");
      assertThat(details(t)).contains("route 10.244.2.0/24 via 192.168.1.13");
    }
  }

  @Nested
  @DisplayName("loopback, address literals and non-destinations")
  class Addresses {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ip:127.0.0.1", "ip:127.3.4.5", "ip:::1", "dns:localhost", "dns:ip6-localhost"})
    @DisplayName("loopback stays inside the pod: LOOPBACK lo, no veth, no uplink, no policy")
    void loopbackStaysInPod(String to) {
      Trace t = trace("shop/web-1", to, "80");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(components(t)).contains(Component.LOOPBACK);
      assertThat(components(t))
          .doesNotContain(
              Component.POD_INTERFACE, Component.VETH, Component.UNDERLAY, Component.ROUTING);
      assertThat(t.reason()).contains("localhost inside shop/web-1").doesNotContain("leaves");
      assertThat(t.policy()).isNull();
      assertThat(t.hops().get(t.hops().size() - 1).detail()).contains("container nginx");
    }

    @Test
    @DisplayName("dns:localhost is answered by the pod's /etc/hosts, not the cluster DNS")
    void localhostFromHosts() {
      Trace t = trace("shop/web-1", "dns:localhost", "80");
      Hop dns = t.hops().get(1);
      assertThat(dns.component()).isEqualTo(Component.DNS);
      assertThat(dns.action()).isEqualTo(Action.RESOLVED);
      assertThat(dns.address()).isEqualTo("127.0.0.1");
      assertThat(dns.detail()).contains("/etc/hosts");
      assertThat(details(t)).doesNotContain("CoreDNS", "resolv.conf");
    }

    @Test
    @DisplayName("a hostNetwork pod's loopback is the node's: delivered on the node, no CNI")
    void hostNetworkLoopback() {
      Trace t = trace("kube-system/node-agent-1", "ip:127.0.0.1", "10250");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(components(t)).contains(Component.LOOPBACK).doesNotContain(Component.UNDERLAY);
      assertThat(t.reason()).contains("node node-1");
      assertThat(details(t)).contains("a process of node node-1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "10.244.1.7, 8443", // payments/pay-1, behind default-deny: DENIED both ways
      "10.244.1.6, 8080", // shop/api-1: ALLOWED
      "10.96.10.10, 80", // Service shop/api's ClusterIP
      "192.168.1.13, 30080", // node-3, a NodePort
      "203.0.113.99, 443", // outside the cluster
      "10.244.0.8, 6379" // cache-1 on the source's node
    })
    @DisplayName("dns:ADDRESS is ip:ADDRESS: the same hops and the same verdict, no DNS hop")
    void dnsLiteralIsIp(String address, String port) {
      Trace viaIp = trace("shop/web-1", "ip:" + address, port);
      Trace viaDns = trace("shop/web-1", "dns:" + address, port);
      assertThat(viaDns.verdict()).isEqualTo(viaIp.verdict());
      assertThat(viaDns.reason()).isEqualTo(viaIp.reason());
      assertThat(viaDns.hops()).isEqualTo(viaIp.hops());
      assertThat(components(viaDns)).doesNotContain(Component.DNS);
    }

    @Test
    @DisplayName("dns: of a pod address behind a deny policy is DENIED, as ip: is")
    void dnsLiteralDenied() {
      assertThat(trace("shop/web-1", "dns:10.244.1.7", "8443").verdict())
          .isEqualTo(TraceVerdict.DENIED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "ip:0.0.0.0, unspecified",
      "ip:0.1.2.3, 0.0.0.0/8",
      "dns:0.0.0.0, unspecified",
      "ip:::, unspecified IPv6",
      "dns:::, unspecified IPv6",
      "ip:255.255.255.255, limited broadcast",
      "dns:255.255.255.255, limited broadcast",
      "ip:10.244.1.255, pod range 10.244.1.0/24 of node node-2",
      "ip:10.244.255.255, cluster pod range 10.244.0.0/16",
      "ip:192.168.1.255, node network 192.168.1.11/24 of node node-1"
    })
    @DisplayName("unspecified and broadcast addresses are INVALID naming to, before the port")
    void notDestinations(String to, String why) {
      ClusterState state = shop(flannelVxlan(), TraceFixtures.flannelDevices(1450, 1500));
      assertThatThrownBy(() -> trace(state, "shop/web-1", to, "80"))
          .isInstanceOfSatisfying(
              TraceException.class,
              e -> {
                assertThat(e.parameter()).isEqualTo("to");
                assertThat(e.kind()).isEqualTo(TraceException.Kind.INVALID);
                assertThat(e.getMessage()).contains(why).contains("not a");
              });
      assertThatThrownBy(() -> trace(state, "shop/web-1", to, ""))
          .isInstanceOfSatisfying(
              TraceException.class, e -> assertThat(e.parameter()).isEqualTo("to"));
    }

    @Test
    @DisplayName("a range's last address that a pod really has is traced to that pod")
    void broadcastAddressOwnedByPod() {
      ClusterState s = shop(flannelVxlan());
      List<io.hopscope.topology.Pod> pods = new java.util.ArrayList<>(s.pods());
      io.hopscope.topology.Pod api =
          s.pods().stream().filter(p -> p.name().equals("api-2")).findFirst().orElseThrow();
      pods.add(
          Fixtures.pod("shop", "edge-1")
              .uid("uid-edge")
              .owner(api.owner().kind(), api.owner().name())
              .node("node-3")
              .ips("10.244.255.255")
              .containers(api.containers())
              .build());
      ClusterState state = Fixtures.cluster(s).pods(pods).build();
      Trace t = trace(state, "shop/web-1", "ip:10.244.255.255", "8080");
      assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
      assertThat(t.reason()).contains("shop/edge-1");
    }

    @Test
    @DisplayName("the source is checked before the target")
    void fromFirst() {
      assertThatThrownBy(() -> trace("shop/nope", "ip:0.0.0.0", "80"))
          .isInstanceOfSatisfying(
              TraceException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
    }
  }

  @Nested
  @DisplayName("agent pods and device provenance")
  class AgentsAndProvenance {

    /** The shop state plus one agent pod of the given DaemonSet on each node. */
    private static ClusterState withAgents(
        NetworkProfile profile, String daemonSet, String... containers) {
      ClusterState s = shop(profile);
      List<io.hopscope.topology.Pod> pods = new java.util.ArrayList<>(s.pods());
      for (int i = 1; i <= 3; i++) {
        pods.add(
            Fixtures.pod("kube-system", daemonSet + "-x" + i)
                .uid("uid-agent-" + i)
                .owner("DaemonSet", daemonSet)
                .node("node-" + i)
                .ips("192.168.1." + (10 + i))
                .hostNetwork()
                .containers(
                    java.util.Arrays.stream(containers).map(c -> Fixtures.container(c, c)).toList())
                .build());
      }
      return Fixtures.cluster(s).pods(pods).build();
    }

    @Test
    @DisplayName("Cilium commands exec into the cilium pod on the hop's node, not ds/cilium")
    void ciliumAgentOnHopNode() {
      ClusterState state =
          withAgents(
              profile(CniPlugin.CILIUM, CniMode.VXLAN, false, 1450, KubeProxyMode.EBPF),
              "cilium",
              "cilium-agent");
      Trace t = trace(state, "shop/web-1", "service:shop/api", "80");
      List<Hop> withCilium =
          t.hops().stream()
              .filter(h -> h.verify().stream().anyMatch(v -> v.contains("cilium-dbg")))
              .toList();
      assertThat(withCilium).extracting(Hop::node).contains("node-1", "node-2");
      for (Hop hop : withCilium) {
        String agent = "cilium-x" + hop.node().substring("node-".length());
        assertThat(hop.verify())
            .filteredOn(v -> v.contains("cilium-dbg"))
            .allMatch(
                v -> v.startsWith("kubectl -n kube-system exec " + agent + " -c cilium-agent -- "),
                "runs on " + agent);
      }
      assertThat(verify(t)).noneMatch(v -> v.contains("ds/cilium"));
    }

    @Test
    @DisplayName("Weave commands exec into (and read logs of) the weave-net pod on the hop's node")
    void weaveAgentOnHopNode() {
      ClusterState state =
          withAgents(
              profile(CniPlugin.WEAVE, CniMode.FASTDP, false, 1376, KubeProxyMode.IPTABLES),
              "weave-net",
              "weave",
              "weave-npc");
      Trace t = trace(state, "shop/web-1", "shop/api-2", "8080");
      assertThat(verify(t))
          .contains(
              "kubectl -n kube-system exec weave-net-x1 -c weave -- /home/weave/weave --local status connections",
              "kubectl -n kube-system logs weave-net-x1 -c weave-npc",
              "kubectl -n kube-system logs weave-net-x3 -c weave-npc")
          .noneMatch(v -> v.contains("ds/weave-net"));
    }

    @Test
    @DisplayName("without agent pods the command names a placeholder for the node's agent")
    void placeholderWithoutAgents() {
      Trace t =
          trace(
              shop(profile(CniPlugin.WEAVE, CniMode.FASTDP, false, 1376, KubeProxyMode.IPTABLES)),
              "shop/web-1",
              "shop/api-2",
              "8080");
      assertThat(verify(t))
          .contains(
              "kubectl -n kube-system exec <weave-net pod on node-1> -c weave -- /home/weave/weave --local status connections",
              "kubectl -n kube-system logs <weave-net pod on node-3> -c weave-npc");
    }

    @Test
    @DisplayName(
        "each hop says whether its device is observed or inferred; hops without a device say nothing")
    void deviceProvenance() {
      ClusterState state = shop(flannelVxlan(), TraceFixtures.flannelDevices(1450, 1500));
      Trace t = trace(state, "shop/web-1", "shop/api-1", "8080");
      for (Hop hop : t.hops()) {
        if (hop.device().isEmpty()) {
          assertThat(hop.deviceProvenance()).as(hop.toString()).isNull();
        }
      }
      // web-1's eth0 and veth are observed in the fixture; its node's uplink eth0 is inferred.
      assertThat(t.hops())
          .filteredOn(h -> h.device().equals("vethobserved"))
          .isNotEmpty()
          .allMatch(h -> h.deviceProvenance() == Provenance.OBSERVED);
      assertThat(t.hops())
          .filteredOn(h -> h.component() == Component.POD_INTERFACE && h.node().equals("node-1"))
          .singleElement()
          .extracting(Hop::deviceProvenance)
          .isEqualTo(Provenance.OBSERVED);
      assertThat(t.hops())
          .filteredOn(h -> h.component() == Component.UNDERLAY)
          .isNotEmpty()
          .allMatch(h -> h.deviceProvenance() == Provenance.INFERRED);
      // api-1's eth0 is not in the state: named by convention, so inferred.
      assertThat(t.hops())
          .filteredOn(h -> h.component() == Component.POD_INTERFACE && h.node().equals("node-2"))
          .singleElement()
          .extracting(Hop::deviceProvenance)
          .isEqualTo(Provenance.INFERRED);
    }
  }
}
