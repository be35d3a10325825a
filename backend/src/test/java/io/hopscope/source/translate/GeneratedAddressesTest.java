package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static io.hopscope.source.translate.Clusters.pod;
import static io.hopscope.source.translate.Clusters.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Addresses Hopscope fills in never take the API server's or the DNS address, stay inside the
 * ranges the input states, are the same on every load and say they were generated.
 */
class GeneratedAddressesTest {

  private static String svc(String namespace, String name, String clusterIp) {
    return """
        apiVersion: v1
        kind: Service
        metadata: {name: %s, namespace: %s}
        spec:
          %s
          selector: {app: %s}
          ports: [{port: 80}]
        """
        .formatted(name, namespace, clusterIp.isEmpty() ? "" : "clusterIP: " + clusterIp, name);
  }

  private static String[] appServices(int count) {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      docs.add(svc("shop", "app-" + (char) ('a' + i), ""));
    }
    return docs.toArray(String[]::new);
  }

  private static String kubeadmConfig(String networking) {
    return """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kubeadm-config, namespace: kube-system}
        data:
          ClusterConfiguration: |
            apiVersion: kubeadm.k8s.io/v1beta3
            kind: ClusterConfiguration
            networking:
        %s
        """
        .formatted(networking.indent(6).stripTrailing());
  }

  private static String calicoWithoutPool() {
    return """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: calico-node, namespace: kube-system}
        spec:
          template:
            spec:
              containers:
              - name: calico-node
                image: calico/node
                env: [{name: CALICO_IPV4POOL_IPIP, value: Always}]
        """;
  }

  private static String bare(String namespace, String name, String spec) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: %s}\nspec: %s\n"
        .formatted(name, namespace, spec);
  }

  @Test
  @DisplayName("app Services never get the range's first address (kubernetes) or its 10th (DNS)")
  void appServicesAvoidApiServerAndDns() {
    ClusterState state = assemble(appServices(12));

    List<String> ips = state.services().stream().map(Service::clusterIp).toList();
    assertThat(ips).doesNotContain("10.96.0.1", "10.96.0.10").doesNotHaveDuplicates();
    assertThat(ips).startsWith("10.96.0.2").contains("10.96.0.11");
    assertThat(state.services())
        .allSatisfy(s -> assertThat(s.generated()).containsExactly("clusterIPs"));
  }

  @Test
  @DisplayName("kubernetes and kube-dns without an address get theirs: .1 and the 10th")
  void wellKnownServicesGetTheirOwn() {
    ClusterState state =
        assemble(
            svc("shop", "aaa-first", ""),
            svc("default", "kubernetes", ""),
            svc("kube-system", "kube-dns", ""));

    assertThat(service(state, "default", "kubernetes").clusterIp()).isEqualTo("10.96.0.1");
    assertThat(service(state, "kube-system", "kube-dns").clusterIp()).isEqualTo("10.96.0.10");
    assertThat(service(state, "shop", "aaa-first").clusterIp()).isEqualTo("10.96.0.2");
  }

  @Test
  @DisplayName(
      "the Service range comes from kubeadm-config; kube-dns's stated address is kept free")
  void kubeadmServiceSubnetAndStatedDns() {
    String[] apps = appServices(3);
    ClusterState state =
        assemble(
            kubeadmConfig("serviceSubnet: 10.100.0.0/16\npodSubnet: 10.200.0.0/16"),
            svc("kube-system", "kube-dns", "10.100.0.2"),
            apps[0],
            apps[1],
            apps[2]);

    assertThat(state.network().serviceCidrs()).containsExactly("10.100.0.0/16");
    assertThat(state.network().clusterDnsIp()).isEqualTo("10.100.0.2");
    assertThat(service(state, "kube-system", "kube-dns").generated()).isEmpty();
    assertThat(
            state.services().stream()
                .filter(s -> s.namespace().equals("shop"))
                .map(Service::clusterIp)
                .toList())
        .containsExactly("10.100.0.3", "10.100.0.4", "10.100.0.5");
    assertThat(state.network().detectedFrom())
        .contains(
            "ConfigMap kube-system/kubeadm-config: ClusterConfiguration networking.serviceSubnet=10.100.0.0/16");
  }

  @Test
  @DisplayName("kubeadm's serviceSubnet wins over the API server flag and the clusterIPs' /16")
  void kubeadmBeforeFlags() {
    String apiServer =
        bare(
            "kube-system",
            "kube-apiserver-cp",
            "{containers: [{name: kube-apiserver, image: k8s/apiserver,"
                + " command: [kube-apiserver, --service-cluster-ip-range=10.55.0.0/16]}]}");
    assertThat(assemble(apiServer).network().serviceCidrs()).containsExactly("10.55.0.0/16");
    assertThat(
            assemble(kubeadmConfig("serviceSubnet: 10.66.0.0/16"), apiServer)
                .network()
                .serviceCidrs())
        .containsExactly("10.66.0.0/16");
  }

  @Test
  @DisplayName("Calico without CALICO_IPV4POOL_CIDR: kubeadm's podSubnet, else 192.168.0.0/16")
  void calicoPoolDefault() {
    String app = bare("shop", "web", "{containers: [{name: app, image: app}]}");

    ClusterState defaulted = assemble(calicoWithoutPool(), app);
    assertThat(defaulted.network().podCidrs()).containsExactly("192.168.0.0/16");
    assertThat(pod(defaulted, "shop", "web").primaryIp()).startsWith("192.168.");
    assertThat(pod(defaulted, "shop", "web").generated()).containsExactly("podIps");

    ClusterState kubeadm =
        assemble(calicoWithoutPool(), kubeadmConfig("podSubnet: 172.20.0.0/16"), app);
    assertThat(kubeadm.network().podCidrs()).containsExactly("172.20.0.0/16");
    assertThat(IpAddresses.contains("172.20.0.0/16", pod(kubeadm, "shop", "web").primaryIp()))
        .isTrue();
  }

  @Test
  @DisplayName("no CNI range and no kubeadm: kube-controller-manager's --cluster-cidr")
  void controllerManagerClusterCidr() {
    String controllerManager =
        bare(
            "kube-system",
            "kube-controller-manager-cp",
            "{containers: [{name: kcm, image: k8s/kcm,"
                + " command: [kube-controller-manager, --allocate-node-cidrs=true,"
                + " --cluster-cidr=10.150.0.0/16]}]}");
    ClusterState state =
        assemble(controllerManager, bare("shop", "web", "{containers: [{name: a, image: a}]}"));

    assertThat(state.network().podCidrs()).containsExactly("10.150.0.0/16");
    assertThat(IpAddresses.contains("10.150.0.0/16", pod(state, "shop", "web").primaryIp()))
        .isTrue();
  }

  @Test
  @DisplayName("hostNetwork pods get their node's address, never a pod address")
  void hostNetworkPods() {
    String onNode = bare("kube-system", "proxy-a", "{nodeName: node-1, hostNetwork: true}");
    String nodeMissing = bare("kube-system", "proxy-b", "{nodeName: node-9, hostNetwork: true}");
    String unplaced = bare("kube-system", "proxy-c", "{hostNetwork: true}");
    ClusterState state =
        assemble(
            Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"),
            onNode,
            nodeMissing,
            unplaced);

    Pod a = pod(state, "kube-system", "proxy-a");
    assertThat(a.podIps()).containsExactly("192.168.1.11");
    assertThat(a.generated()).containsExactly("podIps");
    String createdNodeIp =
        state.nodes().stream()
            .filter(n -> n.name().equals("node-9"))
            .findFirst()
            .orElseThrow()
            .internalIp();
    assertThat(pod(state, "kube-system", "proxy-b").podIps()).containsExactly(createdNodeIp);
    assertThat(pod(state, "kube-system", "proxy-c").podIps()).isEmpty();
  }

  @Test
  @DisplayName("stated addresses are kept and not marked; generated ones are the same every load")
  void statedKeptGeneratedStable() {
    String stated =
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: stated, namespace: shop}
        spec: {nodeName: node-1, containers: [{name: a, image: a}]}
        status: {podIP: 10.244.1.7, podIPs: [{ip: 10.244.1.7}]}
        """;
    String[] docs = {
      Clusters.node("node-1", "192.168.1.11", "10.244.1.0/24"),
      stated,
      Clusters.pod("shop", "fresh", "node-1", "{app: fresh}"),
      svc("shop", "fresh", ""),
      svc("shop", "pinned", "10.96.5.5")
    };
    ClusterState first = assemble(docs);
    ClusterState second = assemble(docs);

    assertThat(pod(first, "shop", "stated").generated()).isEmpty();
    assertThat(pod(first, "shop", "fresh").generated()).containsExactly("podIps");
    assertThat(pod(first, "shop", "fresh").primaryIp()).isEqualTo("10.244.1.2");
    assertThat(service(first, "shop", "pinned").generated()).isEmpty();
    assertThat(second.pods()).isEqualTo(first.pods());
    assertThat(second.services()).isEqualTo(first.services());
  }

  @Test
  @DisplayName("the n-th address of a range, clamped to small ranges")
  void nthAddress() {
    assertThat(ServiceAddresses.nthAddress("10.96.0.0/12", 1)).isEqualTo("10.96.0.1");
    assertThat(ServiceAddresses.nthAddress("10.96.0.0/12", 10)).isEqualTo("10.96.0.10");
    assertThat(ServiceAddresses.nthAddress("10.100.7.0/16", 10)).isEqualTo("10.100.0.10");
    assertThat(ServiceAddresses.nthAddress("10.0.0.0/30", 10)).isEqualTo("10.0.0.2");
  }
}
