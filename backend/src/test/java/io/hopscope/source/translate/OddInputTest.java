package io.hopscope.source.translate;

import static io.hopscope.source.translate.Clusters.assemble;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Input that is valid YAML and valid names but odd values: assembled without surprises. */
class OddInputTest {

  @Test
  @DisplayName(
      "The same object twice (overlapping dumps) counts once, the last copy wins, and a warning says so")
  void duplicates() {
    ClusterState state =
        assemble(
            Clusters.pod("shop", "web", "", "{app: old}"),
            Clusters.pod("shop", "web", "", "{app: new}"));
    assertThat(state.pods())
        .singleElement()
        .satisfies(p -> assertThat(p.labels()).containsEntry("app", "new"));
    assertThat(state.source().warnings())
        .contains("Pod shop/web appears 2 times in the input; the last one is used");
  }

  @Test
  @DisplayName("A garbage pod CIDR on a node or in net-conf.json falls back to the default range")
  void garbageCidrs() {
    ClusterState state =
        assemble(
            Clusters.node("n1", "192.168.1.1", "10.244.1.0/99"),
            """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
        data: {net-conf.json: '{"Network": "not-a-cidr", "Backend": {"Type": "vxlan"}}'}
        """,
            Clusters.pod("shop", "web", "n1", "{app: web}"));
    assertThat(Clusters.pod(state, "shop", "web").podIps()).containsExactly("10.244.0.2");
  }

  @Test
  @DisplayName(
      "net-conf.json that is not JSON still says Flannel, with the mode unknown and the reason recorded")
  void brokenNetConf() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: kube-flannel-cfg, namespace: kube-flannel}
        data: {net-conf.json: '{"Network": '}
        """);
    assertThat(state.network().plugin()).isEqualTo(CniPlugin.FLANNEL);
    assertThat(state.network().mode()).isEqualTo(CniMode.UNKNOWN);
    assertThat(state.network().detectedFrom()).anyMatch(l -> l.contains("not valid JSON"));
  }

  @Test
  @DisplayName("A selector operator Kubernetes does not know is an error naming the policy")
  void unknownOperator() {
    assertThatThrownBy(
            () ->
                assemble(
                    """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: odd, namespace: shop}
        spec:
          podSelector: {matchExpressions: [{key: app, operator: Like, values: [web]}]}
        """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NetworkPolicy shop/odd: unknown label selector operator 'Like'");
  }

  @Test
  @DisplayName("Numeric strings as ports mean numbers, as the API server reads them")
  void numericStringPorts() {
    ClusterState state =
        assemble(
            """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {ports: [{port: 80, targetPort: "8080"}]}
        """);
    assertThat(state.services().get(0).ports().get(0).targetPort().number()).isEqualTo(8080);
  }
}
