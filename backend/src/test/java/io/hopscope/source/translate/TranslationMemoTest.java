package io.hopscope.source.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rebuilding with a {@link TranslationMemo} gives exactly the state a fresh translation gives. */
class TranslationMemoTest {

  private static final SourceInfo SOURCE =
      new SourceInfo(
          "kubernetes", "test", "", Instant.parse("2026-01-01T00:00:00Z"), List.of(), Map.of());

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.hopscope.ClusterDirectories#demosAndCniFixtures")
  @DisplayName(
      "after pods are relabelled, moved, re-addressed, added and deleted, the memoized state equals a fresh one")
  void rebuildsEqualFreshTranslations(Path cluster) {
    List<HasMetadata> objects = new ArrayList<>(new ManifestParser().parseTree(cluster).objects());
    TranslationMemo memo = new TranslationMemo();
    assertSame(objects, memo);
    assertThat(memo.reusedByLastAssembly()).as("nothing to reuse the first time").isZero();
    assertSame(objects, memo);
    assertThat(memo.reusedByLastAssembly())
        .as("everything reused when nothing changed")
        .isPositive();

    List<Integer> pods = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      if (objects.get(i) instanceof Pod) {
        pods.add(i);
      }
    }
    for (int round = 0; round < pods.size() && round < 6; round++) {
      int index = pods.get(round * 7 % pods.size());
      Pod pod = (Pod) objects.get(index);
      PodBuilder changed =
          new PodBuilder(pod).editMetadata().addToLabels("round", "r" + round).endMetadata();
      switch (round % 3) {
        case 0 -> changed.editOrNewSpec().withNodeName(otherNode(objects, pod)).endSpec();
        case 1 ->
            changed.editOrNewStatus().withPodIP("10.250.0." + (round + 2)).withPodIPs().endStatus();
        default -> {}
      }
      objects.set(index, changed.build());
      if (round == 2) {
        objects.remove((int) pods.get(pods.size() - 1));
        pods.remove(pods.size() - 1);
      }
      if (round == 4) {
        objects.add(
            new PodBuilder(pod).editMetadata().withName("added-" + round).endMetadata().build());
      }
      assertSame(objects, memo);
    }
  }

  @Test
  @DisplayName("a changed network profile reuses nothing: devices are named after the new CNI")
  void profileChangeReusesNothing() {
    List<HasMetadata> objects =
        new ArrayList<>(
            new ManifestParser()
                .parseTree(Path.of("src/main/resources/demo/flannel-vxlan"))
                .objects());
    TranslationMemo memo = new TranslationMemo();
    assertSame(objects, memo);
    objects.removeIf(
        o -> o instanceof ConfigMap c && "kube-flannel-cfg".equals(c.getMetadata().getName()));
    objects.add(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("kube-flannel-cfg")
            .withNamespace("kube-flannel")
            .endMetadata()
            .addToData(
                "net-conf.json",
                "{\"Network\": \"10.244.0.0/16\", \"Backend\": {\"Type\": \"host-gw\"}}")
            .build());
    ClusterState state = assertSame(objects, memo);
    assertThat(memo.reusedByLastAssembly()).isZero();
    assertThat(state.network().mode().name()).isEqualTo("HOST_GW");
  }

  private static ClusterState assertSame(List<HasMetadata> objects, TranslationMemo memo) {
    ClusterState memoized = ClusterAssembler.assemble(objects, SOURCE, memo);
    assertThat(memoized)
        .usingRecursiveComparison()
        .isEqualTo(ClusterAssembler.assemble(objects, SOURCE));
    return memoized;
  }

  private static String otherNode(List<HasMetadata> objects, Pod pod) {
    String current = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return objects.stream()
        .filter(o -> o instanceof io.fabric8.kubernetes.api.model.Node)
        .map(o -> o.getMetadata().getName())
        .filter(n -> !n.equals(current))
        .findFirst()
        .orElse("node-x");
  }
}
