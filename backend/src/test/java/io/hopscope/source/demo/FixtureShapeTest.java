package io.hopscope.source.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.hopscope.topology.CniMode;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.KubeProxyMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test fixtures other tests rely on are well-formed: detection cases and the workloads-only
 * dump.
 */
class FixtureShapeTest {

  private static final Path FIXTURES =
      DemoScenarioFiles.directoryOf(
          DemoScenarioFiles.resource("/fixtures/kubectl-dump.expected.txt"));
  private static final List<String> KEYS =
      List.of(
          "plugin",
          "mode",
          "wireguard",
          "kubeProxyMode",
          "mtu",
          "podCidrs",
          "serviceCidrs",
          "clusterDnsIp",
          "clusterDomain");

  static List<String> detectionCases() {
    try (Stream<Path> dirs = Files.list(FIXTURES.resolve("kube-system"))) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("there are detection cases for every CNI mode the contract names")
  void allCasesPresent() {
    assertThat(detectionCases())
        .containsExactlyInAnyOrder(
            "flannel-vxlan",
            "flannel-host-gw",
            "flannel-wireguard",
            "calico-bgp",
            "calico-ipip",
            "calico-vxlan",
            "calico-wireguard",
            "cilium-vxlan-kpr",
            "cilium-geneve",
            "cilium-native",
            "weave-fastdp",
            "weave-sleeve");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("detectionCases")
  @DisplayName(
      "a detection case is kubectl -o json Lists plus expected.properties naming valid model values")
  void detectionCaseIsWellFormed(String name) throws IOException {
    Path dir = FIXTURES.resolve("kube-system").resolve(name);
    Properties expected = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("expected.properties"))) {
      expected.load(in);
    }
    assertThat(expected.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(KEYS);
    CniPlugin plugin = CniPlugin.valueOf(expected.getProperty("plugin"));
    CniMode.valueOf(expected.getProperty("mode"));
    KubeProxyMode.valueOf(expected.getProperty("kubeProxyMode"));
    assertThat(expected.getProperty("wireguard")).isIn("true", "false");
    assertThat(Integer.parseInt(expected.getProperty("mtu"))).isBetween(1200, 9000);
    assertThat(IpAddresses.isLiteral(expected.getProperty("clusterDnsIp"))).isTrue();
    assertThat(name).startsWith(plugin.name().toLowerCase());

    List<HasMetadata> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Object parsed = DemoScenarioFiles.SERIALIZATION.unmarshal(Files.readString(file));
        assertThat(parsed).as(file.getFileName().toString()).isInstanceOf(KubernetesList.class);
        objects.addAll(((KubernetesList) parsed).getItems());
      }
    }
    String keyObject =
        switch (plugin) {
          case FLANNEL -> "kube-flannel-cfg";
          case CALICO -> "calico-node";
          case CILIUM -> "cilium-config";
          case WEAVE -> "weave-net";
          case CANAL -> "canal-config";
          case UNKNOWN -> "";
        };
    assertThat(objects)
        .as("the object %s is detected from", plugin)
        .anyMatch(
            o ->
                o.getMetadata().getName().equals(keyObject)
                    && (o instanceof ConfigMap || o instanceof DaemonSet));
    boolean hasKubeProxy =
        objects.stream().anyMatch(o -> o.getMetadata().getName().equals("kube-proxy"));
    assertThat(hasKubeProxy)
        .as("kube-proxy present unless replaced by eBPF")
        .isEqualTo(!expected.getProperty("kubeProxyMode").equals("EBPF"));
  }

  @Test
  @DisplayName("the kubectl dump has workloads of every kind in nested folders and no pods")
  void kubectlDumpIsWorkloadsOnly() throws IOException {
    Path dump = FIXTURES.resolve("kubectl-dump");
    List<HasMetadata> objects = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dump)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.getParent().getParent().equals(dump.resolve("store")));
    for (Path file : files) {
      objects.addAll(DemoScenarioFiles.parse(file));
    }
    assertThat(objects).noneMatch(Pod.class::isInstance);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "CronJob",
            "Job",
            "ReplicationController",
            "Service",
            "NetworkPolicy");
    List<String> expected =
        DemoScenarioFiles.lines(DemoScenarioFiles.resource("/fixtures/kubectl-dump.expected.txt"));
    for (String line : expected) {
      String[] parts = line.split("[/ ]");
      assertThat(objects)
          .as(line)
          .anyMatch(
              o ->
                  o.getKind().equals(parts[2])
                      && o.getMetadata().getNamespace().equals(parts[0])
                      && o.getMetadata().getName().equals(parts[1]));
    }
  }
}
