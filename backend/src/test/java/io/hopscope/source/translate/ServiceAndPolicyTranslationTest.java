package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static io.hopscope.source.translate.Clusters.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServiceType;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServiceAndPolicyTranslationTest {

  private static final String NODE = Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24");

  private static String serviceYaml(String name, String spec) {
    return "apiVersion: v1\nkind: Service\nmetadata: {name: "
        + name
        + ", namespace: shop}\nspec:\n"
        + spec.indent(2);
  }

  private static NetworkPolicy policy(ClusterState state, String name) {
    return state.networkPolicies().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "Service types: ClusterIP, NodePort, LoadBalancer, headless (clusterIP None) and ExternalName")
  void serviceTypes() {
    ClusterState state =
        assemble(
            serviceYaml("plain", "clusterIP: 10.96.0.20\nports: [{port: 80}]"),
            serviceYaml(
                "node",
                "type: NodePort\nclusterIP: 10.96.0.21\nports: [{port: 80, nodePort: 30080}]"),
            serviceYaml(
                    "lb",
                    "type: LoadBalancer\nclusterIP: 10.96.0.22\nexternalTrafficPolicy: Local\nports: [{port: 443, targetPort: 8443}]")
                + "status: {loadBalancer: {ingress: [{ip: 203.0.113.10}]}}\n",
            serviceYaml("headless", "clusterIP: None\nselector: {app: db}\nports: [{port: 5432}]"),
            serviceYaml("external", "type: ExternalName\nexternalName: psp.example.com"));
    assertThat(service(state, "shop", "plain").type()).isEqualTo(ServiceType.CLUSTER_IP);
    assertThat(service(state, "shop", "node").ports().get(0).nodePort()).isEqualTo(30080);
    Service lb = service(state, "shop", "lb");
    assertThat(lb.type()).isEqualTo(ServiceType.LOAD_BALANCER);
    assertThat(lb.loadBalancerIngress()).containsExactly("203.0.113.10");
    assertThat(lb.externalTrafficPolicy()).isEqualTo("Local");
    assertThat(lb.ports().get(0).targetPort()).isEqualTo(PortRef.of(8443));
    assertThat(lb.ports().get(0).nodePort()).isBetween(30000, 32767);
    assertThat(service(state, "shop", "headless").type()).isEqualTo(ServiceType.CLUSTER_IP);
    assertThat(service(state, "shop", "headless").headless()).isTrue();
    assertThat(service(state, "shop", "plain").headless()).isFalse();
    assertThat(service(state, "shop", "headless").clusterIps()).isEmpty();
    assertThat(service(state, "shop", "external").type()).isEqualTo(ServiceType.EXTERNAL_NAME);
    assertThat(service(state, "shop", "external").externalName()).isEqualTo("psp.example.com");
  }

  @Test
  @DisplayName("Services without a clusterIP get a stable one from the Service range")
  void clusterIpAssigned() {
    ClusterState state =
        assemble(
            serviceYaml("a", "ports: [{port: 80}]"),
            serviceYaml("b", "clusterIP: 10.96.0.1\nports: [{port: 80}]"));
    assertThat(service(state, "shop", "a").clusterIps()).containsExactly("10.96.0.2");
  }

  @Test
  @DisplayName("Endpoints come from the EndpointSlices labelled with the Service name")
  void endpointsFromSlices() {
    ClusterState state =
        assemble(
            NODE,
            serviceYaml(
                "web",
                "clusterIP: 10.96.0.30\nselector: {app: web}\nports: [{name: http, port: 80, targetPort: http}]"),
            """
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: web-abc12
          namespace: shop
          labels: {kubernetes.io/service-name: web}
        addressType: IPv4
        ports: [{name: http, port: 8080, protocol: TCP}]
        endpoints:
        - addresses: [10.244.1.5]
          conditions: {ready: true}
          nodeName: node-1
          zone: zone-a
          targetRef: {kind: Pod, name: web-1, namespace: shop}
        - addresses: [10.244.1.6]
          conditions: {ready: false, serving: true, terminating: true}
          targetRef: {kind: Pod, name: web-2, namespace: shop}
        """);
    List<Endpoint> endpoints = service(state, "shop", "web").endpoints();
    assertThat(endpoints).hasSize(2);
    assertThat(endpoints.get(0).pod()).isEqualTo(new PodRef("shop", "web-1"));
    assertThat(endpoints.get(0).zone()).isEqualTo("zone-a");
    assertThat(endpoints.get(0).ports().get(0).containerPort()).isEqualTo(8080);
    assertThat(endpoints.get(1).ready()).isFalse();
    assertThat(endpoints.get(1).serving()).isTrue();
    assertThat(endpoints.get(1).terminating()).isTrue();
  }

  @Test
  @DisplayName(
      "Without slices, endpoints are the ready pods the selector matches, with named target ports resolved per pod")
  void endpointsFromSelector() {
    String notReady =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-3, namespace: shop, labels: {app: web}}
        spec: {nodeName: node-1, containers: [{name: app, ports: [{name: http, containerPort: 8080}]}]}
        status: {phase: Running, conditions: [{type: Ready, status: "False"}]}
        """;
    ClusterState state =
        assemble(
            NODE,
            serviceYaml(
                "web",
                "clusterIP: 10.96.0.30\nselector: {app: web}\nports: [{name: http, port: 80, targetPort: http}]"),
            Clusters.pod("shop", "web-1", "node-1", "{app: web}"),
            Clusters.pod("shop", "other", "node-1", "{app: other}"),
            notReady);
    List<Endpoint> endpoints = service(state, "shop", "web").endpoints();
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.pod()).isEqualTo(new PodRef("shop", "web-1"));
              assertThat(e.address()).isEqualTo(Clusters.pod(state, "shop", "web-1").primaryIp());
              assertThat(e.nodeName()).isEqualTo("node-1");
              assertThat(e.zone()).isEqualTo("zone-a");
              assertThat(e.ports().get(0).containerPort()).isEqualTo(8080);
            });
  }

  @Test
  @DisplayName(
      "Missing policyTypes: Ingress always, Egress only when egress rules exist; declared types are kept")
  void effectivePolicyTypes() {
    ClusterState state =
        assemble(
            """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: ingress-only, namespace: shop}
        spec: {podSelector: {}}
        """,
            """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: both, namespace: shop}
        spec:
          podSelector: {}
          egress: [{}]
        """,
            """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: egress-declared, namespace: shop}
        spec: {podSelector: {}, policyTypes: [Egress]}
        """);
    assertThat(policy(state, "ingress-only").policyTypes()).containsExactly(PolicyType.INGRESS);
    assertThat(policy(state, "ingress-only").ingress()).isEmpty();
    assertThat(policy(state, "both").policyTypes())
        .containsExactly(PolicyType.INGRESS, PolicyType.EGRESS);
    assertThat(policy(state, "both").egress())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.peers()).isEmpty();
              assertThat(r.ports()).isEmpty();
            });
    assertThat(policy(state, "egress-declared").policyTypes()).containsExactly(PolicyType.EGRESS);
  }

  @Test
  @DisplayName(
      "Peers, ports, endPort, named ports, ipBlock with except and matchExpressions are all translated")
  void fullPolicy() {
    ClusterState state =
        assemble(
            """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: frontend-from-backend, namespace: shop}
        spec:
          podSelector:
            matchLabels: {role: frontend}
            matchExpressions: [{key: tier, operator: NotIn, values: [legacy]}]
          ingress:
          - from:
            - podSelector: {matchLabels: {role: backend}}
              namespaceSelector: {matchExpressions: [{key: team, operator: Exists}]}
            - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
            ports:
            - {protocol: TCP, port: 6379}
            - {port: http}
            - {protocol: UDP, port: 30000, endPort: 32767}
            - {protocol: SCTP}
        """);
    NetworkPolicy p = policy(state, "frontend-from-backend");
    assertThat(p.podSelector().matchLabels()).containsEntry("role", "frontend");
    assertThat(p.podSelector().matchExpressions())
        .containsExactly(
            new LabelRequirement("tier", LabelRequirement.Operator.NOT_IN, List.of("legacy")));
    var rule = p.ingress().get(0);
    assertThat(rule.peers().get(0).podSelector().matchLabels()).containsEntry("role", "backend");
    assertThat(rule.peers().get(0).namespaceSelector().matchExpressions().get(0).operator())
        .isEqualTo(LabelRequirement.Operator.EXISTS);
    assertThat(rule.peers().get(1).ipBlock())
        .isEqualTo(new NetworkPolicy.IpBlock("10.0.0.0/8", List.of("10.1.0.0/16")));
    assertThat(rule.peers().get(1).podSelector()).isNull();
    assertThat(rule.ports())
        .containsExactly(
            new NetworkPolicy.PolicyPort(Protocol.TCP, PortRef.of(6379), 0),
            new NetworkPolicy.PolicyPort(Protocol.TCP, PortRef.named("http"), 0),
            new NetworkPolicy.PolicyPort(Protocol.UDP, PortRef.of(30000), 32767),
            new NetworkPolicy.PolicyPort(Protocol.SCTP, null, 0));
  }
}
