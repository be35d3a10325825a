package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.translate.ClusterAssembler;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.SourceInfo;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kube-system fixtures of every supported CNI served by a mock API server: what the live source
 * detects through its informers is what the manifests path detects from the same objects, and what
 * the fixture expects.
 */
class LiveCniDetectionIT {

  static Stream<Path> fixtures() throws IOException {
    return Files.list(Path.of("src/test/resources/fixtures/kube-system"))
        .filter(Files::isDirectory)
        .sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  @DisplayName(
      "the live source detects plugin, mode, MTU, ranges and kube-proxy mode like the manifests path")
  void detectsTheFixture(Path fixture) throws IOException {
    List<HasMetadata> objects = new ManifestParser().parseTree(fixture).objects();
    NetworkProfile expected =
        ClusterAssembler.assemble(
                objects,
                new SourceInfo("manifests", "fixture", "", Instant.now(), List.of(), Map.of()))
            .network();
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(fixture.resolve("expected.properties"))) {
      properties.load(reader);
    }
    assertThat(expected.plugin().name()).isEqualTo(properties.getProperty("plugin"));

    try (MockApiServer api = MockApiServer.started()) {
      try (KubernetesClient client = api.client()) {
        for (HasMetadata object : objects) {
          object.getMetadata().setResourceVersion(null);
          client.resource(object).create();
        }
      }
      KubernetesProperties settings =
          new KubernetesProperties(
              api.kubeconfig(), null, null, Duration.ofMillis(200), Duration.ofMillis(50));
      try (KubernetesClusterSource source =
          KubernetesClusterSource.open(settings, ClusterAssembler::assemble, Clock.systemUTC())) {
        Eventually.within(
            Duration.ofSeconds(10),
            "the fixture's network profile",
            () -> source.current().network().equals(expected),
            () -> source.current().network());
        NetworkProfile live = source.current().network();
        assertThat(live.mode().name()).isEqualTo(properties.getProperty("mode"));
        assertThat(live.kubeProxyMode().name()).isEqualTo(properties.getProperty("kubeProxyMode"));
        assertThat(String.valueOf(live.mtu())).isEqualTo(properties.getProperty("mtu"));
      }
    }
  }
}
