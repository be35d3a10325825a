package io.hopscope.source.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.SourceInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code kubectl get -o json} dumps of kube-system under {@code fixtures/kube-system/<case>/}
 * give exactly the profile their {@code expected.properties} state (docs/manifests.md, CNI
 * detection).
 */
class CniDetectionFixturesTest {

  static List<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> dirs = Files.list(root())) {
      return dirs.filter(d -> Files.exists(d.resolve("expected.properties")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }

  private static Path root() throws URISyntaxException {
    return Path.of(CniDetectionFixturesTest.class.getResource("/fixtures/kube-system").toURI());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detectsTheExpectedProfile(String name) throws IOException, URISyntaxException {
    Path dir = root().resolve(name);
    Properties expected = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("expected.properties"))) {
      expected.load(in);
    }
    ParsedManifests parsed = new ManifestParser().parseTree(dir);
    NetworkProfile profile =
        ClusterAssembler.assemble(
                parsed.objects(),
                new SourceInfo("manifests", name, "", Instant.EPOCH, List.of(), Map.of()))
            .network();

    assertThat(profile.plugin()).hasToString(expected.getProperty("plugin"));
    assertThat(profile.mode()).hasToString(expected.getProperty("mode"));
    assertThat(profile.wireguard())
        .isEqualTo(Boolean.parseBoolean(expected.getProperty("wireguard")));
    assertThat(profile.kubeProxyMode()).hasToString(expected.getProperty("kubeProxyMode"));
    assertThat(profile.mtu()).isEqualTo(Integer.parseInt(expected.getProperty("mtu")));
    assertThat(profile.podCidrs())
        .containsExactlyElementsOf(list(expected.getProperty("podCidrs")));
    assertThat(profile.serviceCidrs())
        .containsExactlyElementsOf(list(expected.getProperty("serviceCidrs")));
    assertThat(profile.clusterDnsIp()).isEqualTo(expected.getProperty("clusterDnsIp"));
    assertThat(profile.clusterDomain()).isEqualTo(expected.getProperty("clusterDomain"));
    // Every answer is explained: the plugin's object and the proxy's are named in detectedFrom.
    assertThat(profile.detectedFrom()).hasSizeGreaterThanOrEqualTo(3).noneMatch(String::isBlank);
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
