package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectStrippingTest {

  private static final SourceInfo SOURCE =
      new SourceInfo(
          "kubernetes", "test", "", Instant.parse("2026-01-01T00:00:00Z"), List.of(), Map.of());

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.hopscope.ClusterDirectories#demosAndCniFixtures")
  @DisplayName("stripped objects translate to exactly the same state as the full objects")
  void strippingKeepsEverythingTheModelReads(Path cluster) {
    List<HasMetadata> full = new ManifestParser().parseTree(cluster).objects();
    List<HasMetadata> stripped =
        new ManifestParser()
            .parseTree(cluster).objects().stream().map(ObjectStripping::strip).toList();
    ClusterState expected = ClusterAssembler.assemble(full, SOURCE);
    assertThat(expected.pods().size() + expected.nodes().size())
        .as("the input is a cluster")
        .isPositive();
    assertThat(ClusterAssembler.assemble(stripped, SOURCE))
        .usingRecursiveComparison()
        .isEqualTo(expected);
  }

  @Test
  @DisplayName(
      "a pod loses managedFields, foreign annotations, volumes, env, probes and container statuses")
  void podIsCutDown() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-0")
            .withNamespace("shop")
            .withResourceVersion("7")
            .addToLabels("app", "web")
            .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{\"huge\":true}")
            .addToAnnotations("sidecar.istio.io/status", "{\"containers\":[\"istio-proxy\"]}")
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-1")
            .addNewVolume()
            .withName("data")
            .endVolume()
            .addNewContainer()
            .withName("web")
            .withImage("nginx")
            .addNewEnv()
            .withName("PASSWORD")
            .withValue("x")
            .endEnv()
            .addNewPort()
            .withContainerPort(8080)
            .endPort()
            .withNewReadinessProbe()
            .withPeriodSeconds(5)
            .endReadinessProbe()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPodIP("10.244.1.10")
            .addNewPodIP("10.244.1.10")
            .withPhase("Running")
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withMessage("ok")
            .endCondition()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .endCondition()
            .addNewContainerStatus()
            .withName("web")
            .withImageID("sha256:abc")
            .endContainerStatus()
            .endStatus()
            .build();

    Pod stripped = ObjectStripping.strip(pod);

    assertThat(stripped.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(stripped.getMetadata().getAnnotations()).containsOnlyKeys("sidecar.istio.io/status");
    assertThat(stripped.getMetadata().getResourceVersion())
        .as("informers resume from it")
        .isEqualTo("7");
    assertThat(stripped.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(stripped.getSpec().getVolumes()).isNullOrEmpty();
    assertThat(stripped.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
    assertThat(stripped.getSpec().getContainers().get(0).getReadinessProbe()).isNull();
    assertThat(stripped.getSpec().getContainers().get(0).getPorts()).hasSize(1);
    assertThat(stripped.getStatus().getContainerStatuses()).isNullOrEmpty();
    assertThat(stripped.getStatus().getConditions())
        .extracting(c -> c.getType())
        .containsExactly("Ready");
    assertThat(stripped.getStatus().getPodIP()).isEqualTo("10.244.1.10");
  }

  @Test
  @DisplayName(
      "ConfigMaps keep only the CNI, kube-proxy and DNS keys; DaemonSets keep env literals and the names of others")
  void cniEvidenceIsKept() {
    var cilium =
        ObjectStripping.strip(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cilium-config")
                .withNamespace("kube-system")
                .endMetadata()
                .addToData("routing-mode", "tunnel")
                .addToData("tunnel-protocol", "geneve")
                .addToData("debug", "false")
                .build());
    var other =
        ObjectStripping.strip(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("my-app-settings")
                .withNamespace("kube-system")
                .endMetadata()
                .addToData("settings.json", "x".repeat(100_000))
                .build());
    DaemonSet calico =
        ObjectStripping.strip(
            new DaemonSetBuilder()
                .withNewMetadata()
                .withName("calico-node")
                .withNamespace("kube-system")
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("calico-node")
                .addNewEnv()
                .withName("CALICO_IPV4POOL_IPIP")
                .withValue("Always")
                .endEnv()
                .addNewEnv()
                .withName("NODENAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("spec.nodeName")
                .endFieldRef()
                .endValueFrom()
                .endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());

    assertThat(cilium.getData()).containsOnlyKeys("routing-mode", "tunnel-protocol");
    assertThat(other.getData()).isNullOrEmpty();
    assertThat(calico.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(e -> e.getName() + "=" + e.getValue() + " from " + e.getValueFrom())
        .containsExactly("CALICO_IPV4POOL_IPIP=Always from null", "NODENAME=null from null");
  }

  @Test
  @DisplayName("a heartbeat that changes only resourceVersion and dropped fields is not a change")
  void heartbeatsAreNotChanges() {
    WatchedResource pods = WatchedResource.all(List.of()).get(2);
    Pod before =
        ObjectStripping.strip(
            new PodBuilder()
                .withNewMetadata()
                .withName("a")
                .withNamespace("n")
                .withResourceVersion("1")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .addNewContainerStatus()
                .withRestartCount(1)
                .endContainerStatus()
                .endStatus()
                .build());
    Pod after =
        ObjectStripping.strip(
            new PodBuilder()
                .withNewMetadata()
                .withName("a")
                .withNamespace("n")
                .withResourceVersion("2")
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .addNewContainerStatus()
                .withRestartCount(2)
                .endContainerStatus()
                .endStatus()
                .build());
    Pod relabelled =
        new PodBuilder(after).editMetadata().addToLabels("tier", "web").endMetadata().build();

    assertThat(ObjectChanges.sameContent(before, after)).isTrue();
    assertThat(ObjectChanges.sameContent(before, relabelled)).isFalse();
    assertThat(ObjectChanges.describe(pods, relabelled, "updated")).isEqualTo("pod n/a updated");
    assertThat(pods.missingPermission()).isEqualTo("missing permission: list pods (cluster-wide)");
  }
}
