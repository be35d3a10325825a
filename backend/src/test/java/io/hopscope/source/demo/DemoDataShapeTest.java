package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.hopscope.topology.IpAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled demo clusters are self-consistent, realistic {@code kubectl get -o yaml} output:
 * every file parses with Fabric8, pods sit on real nodes with addresses from the CNI's ranges,
 * EndpointSlices point at real pods, owners exist, and each scenario carries exactly what CNI
 * detection keys on.
 */
class DemoDataShapeTest {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile(
          "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final Pattern DNS_LABEL =
      Pattern.compile("^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  private static final Map<String, DemoScenarioFiles> LOADED = new ConcurrentHashMap<>();

  /**
   * What each scenario must be detected as: CNI key object and kube-proxy mode in its ConfigMap.
   */
  private static final Map<String, String> KUBE_PROXY_MODE =
      Map.of(
          "flannel-vxlan",
          "iptables",
          "flannel-host-gw",
          "nftables",
          "calico-bgp",
          "iptables",
          "calico-ipip",
          "ipvs",
          "weave",
          "");

  static List<String> scenarios() {
    return DemoScenarioFiles.scenarioNames();
  }

  private static DemoScenarioFiles scenario(String name) {
    return LOADED.computeIfAbsent(name, DemoScenarioFiles::load);
  }

  @Test
  @DisplayName("scenarios.txt names the six demo clusters of DESIGN §3, the default first")
  void sixScenarios() {
    assertThat(scenarios())
        .containsExactly(
            "flannel-vxlan",
            "flannel-host-gw",
            "calico-bgp",
            "calico-ipip",
            "cilium-ebpf",
            "weave");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("index.txt lists exactly the files of the scenario folder, and every file parses")
  void indexMatchesFolder(String name) {
    DemoScenarioFiles s = scenario(name);
    assertThat(s.indexed()).doesNotHaveDuplicates();
    assertThat(s.filesOnDisk()).containsExactlyInAnyOrderElementsOf(s.indexed());
    assertThat(s.objects())
        .allSatisfy(
            o -> {
              assertThat(o.getApiVersion())
                  .as("apiVersion of %s", o.getMetadata().getName())
                  .isNotBlank();
              assertThat(o.getKind()).isNotBlank();
              assertThat(o.getMetadata().getUid())
                  .as("uid of %s %s", o.getKind(), o.getMetadata().getName())
                  .isNotBlank();
              assertThat(o.getMetadata().getCreationTimestamp()).isNotBlank();
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("names and namespaces are valid Kubernetes names and uids are unique")
  void namesAreValid(String name) {
    DemoScenarioFiles s = scenario(name);
    Set<String> uids = new HashSet<>();
    Set<String> declaredNamespaces = new HashSet<>();
    s.all(Namespace.class).forEach(ns -> declaredNamespaces.add(ns.getMetadata().getName()));
    for (HasMetadata o : s.objects()) {
      String n = o.getMetadata().getName();
      Pattern rule = o instanceof Service || o instanceof Namespace ? DNS_LABEL : DNS_SUBDOMAIN;
      assertThat(n).as("%s name", o.getKind()).matches(rule);
      String ns = o.getMetadata().getNamespace();
      if (ns != null) {
        assertThat(ns).matches(DNS_LABEL);
        assertThat(declaredNamespaces).as("namespace of %s/%s is declared", ns, n).contains(ns);
      }
      assertThat(uids.add(o.getMetadata().getUid()))
          .as("uid of %s %s is unique", o.getKind(), n)
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "every pod runs on an existing node, hostIP is that node's address, hostNetwork pods share it")
  void podsRunOnNodes(String name) {
    DemoScenarioFiles s = scenario(name);
    for (Pod pod : s.pods()) {
      String ref = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
      Node node =
          s.node(pod.getSpec().getNodeName())
              .orElseThrow(
                  () ->
                      new AssertionError(
                          ref + " runs on unknown node " + pod.getSpec().getNodeName()));
      String nodeIp = DemoScenarioFiles.internalIp(node);
      assertThat(pod.getStatus().getHostIP()).as("hostIP of %s", ref).isEqualTo(nodeIp);
      assertThat(pod.getStatus().getPodIPs()).as("podIPs of %s", ref).isNotEmpty();
      assertThat(pod.getStatus().getPodIPs().get(0).getIp()).isEqualTo(pod.getStatus().getPodIP());
      if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
        assertThat(pod.getStatus().getPodIP()).as("hostNetwork pod %s", ref).isEqualTo(nodeIp);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "pod IPs lie in their node's podCIDR, or in the CNI's cluster range when nodes have none")
  void podIpsInRanges(String name) {
    DemoScenarioFiles s = scenario(name);
    String clusterRange = clusterRange(s);
    for (Pod pod : s.pods()) {
      if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
        continue;
      }
      String ip = pod.getStatus().getPodIP();
      assertThat(IpAddresses.contains(clusterRange, ip))
          .as("%s in cluster range %s", ip, clusterRange)
          .isTrue();
      Node node = s.node(pod.getSpec().getNodeName()).orElseThrow();
      List<String> nodeCidrs = node.getSpec().getPodCIDRs();
      if (nodeCidrs != null && !nodeCidrs.isEmpty()) {
        assertThat(nodeCidrs)
            .as("%s of pod %s on %s", ip, pod.getMetadata().getName(), node.getMetadata().getName())
            .anyMatch(cidr -> IpAddresses.contains(cidr, ip));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("no two pods, Services or nodes share an address")
  void noDuplicateAddresses(String name) {
    DemoScenarioFiles s = scenario(name);
    Map<String, String> owners = new HashMap<>();
    s.nodes()
        .forEach(
            n ->
                claim(
                    owners, DemoScenarioFiles.internalIp(n), "node " + n.getMetadata().getName()));
    s.pods().stream()
        .filter(p -> !Boolean.TRUE.equals(p.getSpec().getHostNetwork()))
        .forEach(
            p ->
                p.getStatus()
                    .getPodIPs()
                    .forEach(ip -> claim(owners, ip.getIp(), "pod " + p.getMetadata().getName())));
    for (Service svc : s.services()) {
      List<String> ips =
          svc.getSpec().getClusterIPs() == null ? List.of() : svc.getSpec().getClusterIPs();
      ips.stream()
          .filter(ip -> !ip.equals("None"))
          .forEach(
              ip -> {
                claim(owners, ip, "service " + svc.getMetadata().getName());
                assertThat(IpAddresses.contains("10.96.0.0/12", ip))
                    .as("clusterIP %s in the Service CIDR", ip)
                    .isTrue();
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "EndpointSlices belong to a Service and point at existing pods with their IP, node and readiness")
  void endpointSlicesPointAtPods(String name) {
    DemoScenarioFiles s = scenario(name);
    for (EndpointSlice slice : s.all(EndpointSlice.class)) {
      String ns = slice.getMetadata().getNamespace();
      String serviceName = slice.getMetadata().getLabels().get("kubernetes.io/service-name");
      Service svc =
          s.find(Service.class, ns, serviceName)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "slice " + slice.getMetadata().getName() + " names no Service"));
      for (OwnerReference owner : slice.getMetadata().getOwnerReferences()) {
        assertThat(owner.getUid()).isEqualTo(svc.getMetadata().getUid());
      }
      List<Endpoint> endpoints = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
      for (Endpoint ep : endpoints) {
        if (ep.getTargetRef() == null) {
          continue;
        }
        Pod pod =
            s.find(Pod.class, ep.getTargetRef().getNamespace(), ep.getTargetRef().getName())
                .orElseThrow(
                    () ->
                        new AssertionError(
                            "slice "
                                + slice.getMetadata().getName()
                                + " targets missing pod "
                                + ep.getTargetRef().getName()));
        assertThat(ep.getTargetRef().getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(ep.getAddresses()).containsExactly(pod.getStatus().getPodIP());
        assertThat(ep.getNodeName()).isEqualTo(pod.getSpec().getNodeName());
        assertThat(ep.getConditions().getReady())
            .as("readiness of %s", pod.getMetadata().getName())
            .isEqualTo(isReady(pod));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("controller owner references name existing objects by kind, name and uid")
  void ownersExist(String name) {
    DemoScenarioFiles s = scenario(name);
    for (HasMetadata o : s.objects()) {
      for (OwnerReference owner : o.getMetadata().getOwnerReferences()) {
        String ns = owner.getKind().equals("Node") ? null : o.getMetadata().getNamespace();
        HasMetadata target =
            s.objects().stream()
                .filter(
                    x ->
                        x.getKind().equals(owner.getKind())
                            && x.getMetadata().getName().equals(owner.getName()))
                .filter(x -> Objects.equals(x.getMetadata().getNamespace(), ns))
                .findFirst()
                .orElseThrow(
                    () ->
                        new AssertionError(
                            o.getKind()
                                + " "
                                + o.getMetadata().getName()
                                + " is owned by missing "
                                + owner.getKind()
                                + " "
                                + owner.getName()));
        assertThat(owner.getUid()).isEqualTo(target.getMetadata().getUid());
      }
      if (o instanceof Pod pod) {
        assertThat(pod.getMetadata().getOwnerReferences())
            .as("owner of pod %s", pod.getMetadata().getName())
            .filteredOn(r -> Boolean.TRUE.equals(r.getController()))
            .hasSize(1);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("every Service selector matches pods, and named target ports resolve on them")
  void selectorsMatchPods(String name) {
    DemoScenarioFiles s = scenario(name);
    for (Service svc : s.services()) {
      Map<String, String> selector = svc.getSpec().getSelector();
      if (selector == null || selector.isEmpty()) {
        continue;
      }
      List<Pod> selected =
          s.pods().stream()
              .filter(p -> p.getMetadata().getNamespace().equals(svc.getMetadata().getNamespace()))
              .filter(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
              .toList();
      assertThat(selected).as("pods of Service %s", svc.getMetadata().getName()).isNotEmpty();
      for (ServicePort port : svc.getSpec().getPorts()) {
        if (port.getTargetPort() != null && port.getTargetPort().getStrVal() != null) {
          String portName = port.getTargetPort().getStrVal();
          assertThat(selected)
              .as("named targetPort %s of %s", portName, svc.getMetadata().getName())
              .allMatch(p -> declaresPort(p, portName, port.getProtocol()));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName(
      "each cluster has >= 3 nodes, >= 12 pods, CoreDNS and the objects its CNI and kube-proxy mode are detected from")
  void clusterCoreIsPresent(String name) {
    DemoScenarioFiles s = scenario(name);
    assertThat(s.nodes()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(s.pods()).hasSizeGreaterThanOrEqualTo(12);
    Service dns = s.find(Service.class, "kube-system", "kube-dns").orElseThrow();
    assertThat(dns.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
    assertThat(dns.getSpec().getPorts())
        .extracting(ServicePort::getPort, ServicePort::getProtocol)
        .contains(
            org.assertj.core.groups.Tuple.tuple(53, "UDP"),
            org.assertj.core.groups.Tuple.tuple(53, "TCP"));
    assertThat(s.configMap("coredns").orElseThrow().getData().get("Corefile"))
        .contains("kubernetes cluster.local");
    assertThat(s.pods())
        .filteredOn(p -> "kube-dns".equals(p.getMetadata().getLabels().get("k8s-app")))
        .hasSize(2);

    switch (name) {
      case "flannel-vxlan", "flannel-host-gw" -> {
        assertThat(s.daemonSet("kube-flannel-ds")).isPresent();
        Map<String, Object> net =
            DemoScenarioFiles.json(
                s.configMap("kube-flannel-cfg").orElseThrow().getData().get("net-conf.json"));
        assertThat(((Map<?, ?>) net.get("Backend")).get("Type"))
            .isEqualTo(name.substring("flannel-".length()));
      }
      case "calico-bgp", "calico-ipip" -> {
        assertThat(s.env("calico-node", "calico-node", "CALICO_IPV4POOL_IPIP"))
            .contains(name.equals("calico-bgp") ? "Never" : "Always");
        assertThat(s.env("calico-node", "calico-node", "CALICO_IPV4POOL_VXLAN")).contains("Never");
        assertThat(s.env("calico-node", "calico-node", "CALICO_IPV4POOL_CIDR"))
            .contains("192.168.0.0/16");
      }
      case "cilium-ebpf" -> {
        Map<String, String> config = s.configMap("cilium-config").orElseThrow().getData();
        assertThat(config)
            .containsEntry("routing-mode", "tunnel")
            .containsEntry("tunnel-protocol", "vxlan")
            .containsEntry("kube-proxy-replacement", "true");
        assertThat(s.daemonSet("kube-proxy")).as("kube-proxy is replaced").isEmpty();
        assertThat(s.configMap("kube-proxy")).isEmpty();
      }
      case "weave" -> {
        assertThat(s.env("weave-net", "weave", "IPALLOC_RANGE")).contains("10.32.0.0/12");
        assertThat(s.env("weave-net", "weave", "WEAVE_NO_FASTDP")).isEmpty();
      }
      default -> fail("unknown scenario " + name);
    }
    if (KUBE_PROXY_MODE.containsKey(name)) {
      assertThat(s.daemonSet("kube-proxy")).isPresent();
      String config = s.configMap("kube-proxy").orElseThrow().getData().get("config.conf");
      assertThat(config).contains("\nmode: \"" + KUBE_PROXY_MODE.get(name) + "\"\n");
    }
  }

  @Test
  @DisplayName(
      "the default cluster tells the DESIGN §3 story: Service types, nginx+fluentd pod, sidecar, policies, endpoint gaps")
  void defaultClusterStory() {
    DemoScenarioFiles s = scenario("flannel-vxlan");
    assertThat(s.pods()).hasSizeGreaterThanOrEqualTo(15);
    assertThat(s.all(Namespace.class))
        .extracting(n -> n.getMetadata().getName())
        .contains("shop", "payments", "monitoring", "kube-system");
    assertThat(s.nodes())
        .allSatisfy(
            n -> {
              assertThat(n.getMetadata().getLabels()).containsKey("topology.kubernetes.io/zone");
              assertThat(IpAddresses.contains("192.168.56.0/24", DemoScenarioFiles.internalIp(n)))
                  .isTrue();
            });
    assertThat(s.nodes())
        .extracting(n -> n.getSpec().getPodCIDR())
        .containsExactlyInAnyOrder("10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24");
    assertThat(s.pods())
        .extracting(p -> p.getSpec().getNodeName())
        .containsAll(s.nodes().stream().map(n -> n.getMetadata().getName()).toList());

    assertThat(s.services())
        .extracting(svc -> svc.getSpec().getType())
        .contains("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");
    assertThat(s.services()).anyMatch(svc -> "None".equals(svc.getSpec().getClusterIP()));
    assertThat(s.services())
        .filteredOn(svc -> svc.getSpec().getType().equals("LoadBalancer"))
        .allMatch(svc -> !svc.getStatus().getLoadBalancer().getIngress().isEmpty());
    assertThat(s.services())
        .anyMatch(
            svc ->
                svc.getSpec().getPorts().stream()
                    .anyMatch(
                        p -> p.getTargetPort() != null && p.getTargetPort().getStrVal() != null));

    Pod web =
        s.pods().stream()
            .filter(
                p ->
                    p.getMetadata().getName().startsWith("web-")
                        && p.getMetadata().getNamespace().equals("shop"))
            .findFirst()
            .orElseThrow();
    assertThat(web.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("nginx", "fluentd");
    assertThat(web.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("ReplicaSet");
    assertThat(s.pods())
        .anyMatch(
            p ->
                p.getSpec().getContainers().stream()
                    .anyMatch(
                        c ->
                            c.getName().equals("linkerd-proxy")
                                || c.getName().equals("istio-proxy")));

    List<EndpointSlice> slices = s.all(EndpointSlice.class);
    List<String> slicedServices =
        slices.stream()
            .map(sl -> sl.getMetadata().getLabels().get("kubernetes.io/service-name"))
            .toList();
    assertThat(s.services())
        .as("a Service whose endpoints must be derived from its selector")
        .anyMatch(
            svc ->
                svc.getSpec().getSelector() != null
                    && !slicedServices.contains(svc.getMetadata().getName()));
    assertThat(slices)
        .as("a Service with no ready endpoint")
        .anyMatch(
            sl ->
                sl.getEndpoints() != null
                    && !sl.getEndpoints().isEmpty()
                    && sl.getEndpoints().stream().noneMatch(e -> e.getConditions().getReady()));

    List<NetworkPolicy> policies = s.all(NetworkPolicy.class);
    assertThat(policies).hasSizeGreaterThanOrEqualTo(3);
    NetworkPolicy deny = s.find(NetworkPolicy.class, "payments", "default-deny-all").orElseThrow();
    assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
    assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    NetworkPolicy redis = s.find(NetworkPolicy.class, "shop", "redis-allow-backend").orElseThrow();
    assertThat(redis.getSpec().getPodSelector().getMatchLabels()).containsEntry("role", "frontend");
    assertThat(
            redis.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels())
        .containsEntry("role", "backend");
    assertThat(redis.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal())
        .isEqualTo(6379);
    assertThat(s.pods())
        .as("a role=frontend pod serving 6379")
        .anyMatch(
            p ->
                "frontend".equals(p.getMetadata().getLabels().get("role"))
                    && declaresPort(p, 6379));
    assertThat(s.pods())
        .as("a role=backend client (allowed)")
        .anyMatch(
            p ->
                "shop".equals(p.getMetadata().getNamespace())
                    && "backend".equals(p.getMetadata().getLabels().get("role")));
    assertThat(web.getMetadata().getLabels())
        .as("web is not role=backend (denied)")
        .doesNotContainEntry("role", "backend");
  }

  static String clusterRange(DemoScenarioFiles s) {
    if (s.configMap("kube-flannel-cfg").isPresent()) {
      ConfigMap cfg = s.configMap("kube-flannel-cfg").get();
      return (String) DemoScenarioFiles.json(cfg.getData().get("net-conf.json")).get("Network");
    }
    if (s.daemonSet("calico-node").isPresent()) {
      return s.env("calico-node", "calico-node", "CALICO_IPV4POOL_CIDR").orElseThrow();
    }
    if (s.configMap("cilium-config").isPresent()) {
      return s.configMap("cilium-config").get().getData().get("cluster-pool-ipv4-cidr");
    }
    if (s.daemonSet("weave-net").isPresent()) {
      return s.env("weave-net", "weave", "IPALLOC_RANGE").orElse("10.32.0.0/12");
    }
    throw new AssertionError(s.name() + ": no CNI configuration found");
  }

  private static void claim(Map<String, String> owners, String ip, String who) {
    String previous = owners.putIfAbsent(ip, who);
    assertThat(previous).as("%s claimed by %s and %s", ip, previous, who).isNull();
  }

  private static boolean isReady(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("Ready"))
        .map(PodCondition::getStatus)
        .anyMatch("True"::equals);
  }

  private static boolean declaresPort(Pod pod, String portName, String protocol) {
    return ports(pod)
        .anyMatch(
            p ->
                portName.equals(p.getName())
                    && Objects.equals(
                        p.getProtocol() == null ? "TCP" : p.getProtocol(),
                        protocol == null ? "TCP" : protocol));
  }

  private static boolean declaresPort(Pod pod, int number) {
    return ports(pod).anyMatch(p -> p.getContainerPort() == number);
  }

  private static Stream<io.fabric8.kubernetes.api.model.ContainerPort> ports(Pod pod) {
    List<io.fabric8.kubernetes.api.model.ContainerPort> all = new ArrayList<>();
    pod.getSpec()
        .getContainers()
        .forEach(
            c -> {
              if (c.getPorts() != null) {
                all.addAll(c.getPorts());
              }
            });
    return all.stream();
  }
}
