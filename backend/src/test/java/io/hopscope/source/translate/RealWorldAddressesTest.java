package io.hopscope.source.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real-world input (each CNI install, the Online Boutique, each policy recipe): the addresses
 * Hopscope fills in never take the API server's or the DNS address, hostNetwork pods carry their
 * node's address, and generated pod addresses lie in the detected pod range.
 */
class RealWorldAddressesTest {

  static Stream<Path> inputs() throws IOException {
    Path root = ClusterDirectories.realWorld();
    List<Path> inputs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        String name = dir.getFileName().toString();
        if (name.equals("flows")) {
          continue; // observed traffic records, not manifests
        }
        if (name.equals("np-recipes")) {
          try (Stream<Path> recipes = Files.list(dir)) {
            recipes.filter(Files::isDirectory).sorted().forEach(inputs::add);
          }
        } else {
          inputs.add(dir);
        }
      }
    }
    return inputs.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void generatedAddressesCollideWithNothing(Path input) {
    ClusterState state = new ManifestsLoader().load(input);
    String range =
        state.network().serviceCidrs().stream()
            .filter(AddressPool::isV4Cidr)
            .findFirst()
            .orElseThrow();
    String apiServerIp = ServiceAddresses.nthAddress(range, 1);
    String dnsIp =
        state.network().clusterDnsIp().isEmpty()
            ? ServiceAddresses.nthAddress(range, ServiceAddresses.DNS_OFFSET)
            : state.network().clusterDnsIp();

    List<Service> generatedServices =
        state.services().stream()
            .filter(s -> s.generated().contains(Service.GENERATED_CLUSTER_IPS))
            .toList();
    for (Service s : generatedServices) {
      if (!s.ref().toString().equals("default/kubernetes")) {
        assertThat(s.clusterIps()).as(s.ref().toString()).doesNotContain(apiServerIp);
      }
      if (!s.ref().toString().equals("kube-system/kube-dns")) {
        assertThat(s.clusterIps()).as(s.ref().toString()).doesNotContain(dnsIp);
      }
      assertThat(IpAddresses.contains(range, s.clusterIp())).as(s.ref().toString()).isTrue();
    }
    assertThat(state.services().stream().flatMap(s -> s.clusterIps().stream()))
        .doesNotHaveDuplicates();

    Map<String, Node> nodes =
        state.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
    List<String> pool =
        state.network().podCidrs().isEmpty()
            ? List.of(PodAddresses.DEFAULT_POD_CIDR)
            : state.network().podCidrs();
    for (Pod pod : state.pods()) {
      Node node = nodes.get(pod.nodeName());
      if (pod.hostNetwork()) {
        if (node != null) {
          assertThat(pod.podIps()).as(pod.ref().toString()).containsExactly(node.internalIp());
        }
      } else if (pod.generated().contains(Pod.GENERATED_POD_IPS)) {
        List<String> ranges = node != null && !node.podCidrs().isEmpty() ? node.podCidrs() : pool;
        assertThat(ranges)
            .as(pod.ref() + " " + pod.primaryIp() + " in " + ranges)
            .anyMatch(cidr -> IpAddresses.contains(cidr, pod.primaryIp()));
        assertThat(pod.primaryIp()).as(pod.ref().toString()).isNotIn(apiServerIp, dnsIp);
      }
    }
    System.out.printf(
        "%s: pool %s, services %s, %d generated Service IPs, %d pods (%d generated, %d hostNetwork)%n",
        input.getFileName(),
        pool,
        range,
        generatedServices.size(),
        state.pods().size(),
        state.pods().stream().filter(p -> !p.generated().isEmpty()).count(),
        state.pods().stream().filter(Pod::hostNetwork).count());
  }
}
