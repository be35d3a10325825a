package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static io.hopscope.source.translate.Clusters.pod;
import static io.hopscope.source.translate.Clusters.podNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Sidecar;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodAssemblyTest {

  private static String workload(String apiVersion, String kind, String name, String templatePath) {
    String template =
        """
        metadata: {labels: {app: %s}}
        spec:
          containers:
          - name: main
            image: example/%s:1
            ports: [{name: web, containerPort: 8080}]
        """
            .formatted(name, name)
            .indent(2 * templatePath.split("\\.").length);
    String nesting =
        switch (templatePath) {
          case "spec.template" -> "spec:\n  template:\n";
          case "spec.jobTemplate.spec.template" ->
              "spec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n";
          default -> throw new IllegalArgumentException(templatePath);
        };
    return "apiVersion: "
        + apiVersion
        + "\nkind: "
        + kind
        + "\nmetadata: {name: "
        + name
        + ", namespace: shop}\n"
        + nesting
        + template;
  }

  @ParameterizedTest(name = "A {1} without pods stands for one pod named after it")
  @CsvSource({
    "apps/v1, Deployment, spec.template",
    "apps/v1, StatefulSet, spec.template",
    "apps/v1, DaemonSet, spec.template",
    "apps/v1, ReplicaSet, spec.template",
    "batch/v1, Job, spec.template",
    "batch/v1, CronJob, spec.jobTemplate.spec.template",
    "v1, ReplicationController, spec.template"
  })
  void workloadStandsForItsPod(String apiVersion, String kind, String templatePath) {
    ClusterState state = assemble(workload(apiVersion, kind, "frontend", templatePath));
    Pod pod = pod(state, "shop", "frontend");
    assertThat(pod.owner()).isEqualTo(new Owner(kind, "frontend"));
    assertThat(pod.labels()).containsEntry("app", "frontend");
    assertThat(pod.containers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.image()).isEqualTo("example/frontend:1");
              assertThat(c.ports().get(0).name()).isEqualTo("web");
            });
    assertThat(pod.podIps()).hasSize(1);
  }

  @Test
  @DisplayName("A pod's controller ownerReference is its owner; a pod without one owns itself")
  void ownerReferences() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d4b9-abcde
          namespace: shop
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9, uid: u1, controller: true}
        """,
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, namespace: shop}
        """,
            """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd-cp-1
          namespace: kube-system
          ownerReferences:
          - {apiVersion: v1, kind: Node, name: cp-1, uid: u2, controller: true}
        """);
    assertThat(pod(state, "shop", "web-7d4b9-abcde").owner())
        .isEqualTo(new Owner("ReplicaSet", "web-7d4b9"));
    assertThat(pod(state, "shop", "debug").owner()).isEqualTo(new Owner("Pod", "debug"));
    assertThat(pod(state, "kube-system", "etcd-cp-1").owner())
        .isEqualTo(new Owner("Pod", "etcd-cp-1"));
  }

  @Test
  @DisplayName(
      "A ReplicaSet owned by a Deployment of the input does not stand in: the Deployment does, once")
  void deploymentAndItsReplicaSet() {
    ClusterState state =
        assemble(
            workload("apps/v1", "Deployment", "web", "spec.template"),
            """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-7d4b9
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]
        spec:
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: main, image: example/web:1}]}
        """);
    assertThat(podNames(state)).containsExactly("shop/web");
    assertThat(pod(state, "shop", "web").owner().kind()).isEqualTo("Deployment");
  }

  @Test
  @DisplayName(
      "Workloads whose pods are in the input do not stand in, through ReplicaSets and Jobs too")
  void workloadsWithPods() {
    ClusterState state =
        assemble(
            workload("apps/v1", "Deployment", "web", "spec.template"),
            """
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata:
          name: web-7d4b9
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: d1, controller: true}]
        """,
            """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d4b9-x1
          namespace: shop
          ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-7d4b9, uid: r1, controller: true}]
        """,
            workload("batch/v1", "CronJob", "report", "spec.jobTemplate.spec.template"),
            """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: report-28000
          namespace: shop
          ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, uid: c1, controller: true}]
        """);
    assertThat(podNames(state)).containsExactly("shop/report", "shop/web-7d4b9-x1");
    assertThat(pod(state, "shop", "report").owner().kind()).isEqualTo("CronJob");
  }

  @Test
  @DisplayName("Stand-in pods are spread over the nodes in name order")
  void standInsAreSpreadOverNodes() {
    ClusterState state =
        assemble(
            Clusters.node("node-b", "192.168.1.12", "10.244.2.0/24"),
            Clusters.node("node-a", "192.168.1.11", "10.244.1.0/24"),
            workload("apps/v1", "Deployment", "one", "spec.template"),
            workload("apps/v1", "Deployment", "two", "spec.template"),
            workload("apps/v1", "Deployment", "three", "spec.template"));
    assertThat(state.pods())
        .extracting(Pod::name, Pod::nodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("one", "node-a"),
            org.assertj.core.groups.Tuple.tuple("three", "node-b"),
            org.assertj.core.groups.Tuple.tuple("two", "node-a"));
    assertThat(pod(state, "shop", "one").podIps()).containsExactly("10.244.1.2");
  }

  @Test
  @DisplayName(
      "Pods without IPs get stable addresses from their node's pod CIDR that never collide with given ones")
  void addressesFromNodePodCidr() {
    String withIp =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: a-given, namespace: shop}
        spec: {nodeName: node-1}
        status: {podIP: 10.244.1.2, podIPs: [{ip: 10.244.1.2}, {ip: "fd00::2"}]}
        """;
    ClusterState state =
        assemble(
            Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"),
            withIp,
            Clusters.pod("shop", "b-new", "node-1", "{app: b}"),
            Clusters.pod("shop", "c-new", "node-1", "{app: c}"));
    assertThat(pod(state, "shop", "a-given").podIps()).containsExactly("10.244.1.2", "fd00::2");
    assertThat(pod(state, "shop", "b-new").podIps()).containsExactly("10.244.1.3");
    assertThat(pod(state, "shop", "c-new").podIps()).containsExactly("10.244.1.4");
    ClusterState again =
        assemble(
            Clusters.pod("shop", "c-new", "node-1", "{app: c}"),
            Clusters.pod("shop", "b-new", "node-1", "{app: b}"),
            withIp,
            Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"));
    assertThat(again.pods()).isEqualTo(state.pods());
  }

  @Test
  @DisplayName(
      "hostNetwork pods take their node's IP; pods of unknown nodes get addresses from the cluster range")
  void hostNetworkAndUnscheduled() {
    String hostPod =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-proxy-x, namespace: kube-system}
        spec: {nodeName: node-1, hostNetwork: true}
        """;
    String unscheduled =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: pending, namespace: shop}
        """;
    ClusterState state =
        assemble(Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"), hostPod, unscheduled);
    assertThat(pod(state, "kube-system", "kube-proxy-x").podIps()).containsExactly("192.168.1.11");
    assertThat(pod(state, "kube-system", "kube-proxy-x").hostNetwork()).isTrue();
    assertThat(pod(state, "shop", "pending").podIps()).containsExactly("10.244.128.2");
    assertThat(pod(state, "shop", "pending").nodeName()).isEmpty();
  }

  @Test
  @DisplayName("Service-mesh proxies are detected as sidecars: istio, linkerd, consul")
  void sidecars() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: meshed, namespace: shop}
        spec:
          containers:
          - {name: app, image: app:1}
          - {name: istio-proxy, image: istio/proxyv2}
          - {name: linkerd-proxy, image: linkerd/proxy}
          - {name: consul-dataplane, image: hashicorp/consul-dataplane}
          - {name: envoy-sidecar, image: envoy}
        """);
    assertThat(pod(state, "shop", "meshed").sidecars())
        .containsExactly(
            new Sidecar("istio-proxy", "istio"), new Sidecar("linkerd-proxy", "linkerd"),
            new Sidecar("consul-dataplane", "consul"), new Sidecar("envoy-sidecar", "consul"));
  }

  @Test
  @DisplayName(
      "The nginx + fluentd pod keeps both containers, their ports, and init containers marked as such")
  void multiContainerPod() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        status:
          phase: Running
          conditions: [{type: Ready, status: "False"}]
        spec:
          initContainers: [{name: init-config, image: busybox}]
          containers:
          - {name: nginx, image: nginx:1.27, ports: [{name: http, containerPort: 80}]}
          - {name: fluentd, image: fluentd:1.16, ports: [{containerPort: 24224, protocol: UDP}]}
        """);
    Pod web = pod(state, "shop", "web");
    assertThat(web.containers())
        .extracting(c -> c.name() + (c.init() ? "(init)" : ""))
        .containsExactly("init-config(init)", "nginx", "fluentd");
    assertThat(web.namedPort("http", io.hopscope.topology.Protocol.TCP)).isPresent();
    assertThat(web.container("fluentd").orElseThrow().ports().get(0).protocol())
        .isEqualTo(io.hopscope.topology.Protocol.UDP);
    assertThat(web.ready()).isFalse();
    assertThat(List.of(web.phase())).containsExactly("Running");
  }
}
