package io.hopscope.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.ClusterDirectories;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Provenance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Google's Online Boutique as released (real-world corpus, {@code microservices-demo/}):
 * Deployments, Services and 13 NetworkPolicies, and no Node or Pod objects. Loaded through the
 * manifests source, its pods stand on one assumed node and trace end to end with the assumed hops
 * marked; the verdicts are what the policies say (read from {@code network-policies/}: deny-all
 * both ways, then each service admits its callers on its port and may send anywhere).
 */
class RealWorldNodelessTraceTest {

  private static ClusterState boutique;
  private static PacketTracer tracer;
  private static PolicyEvaluator policies;

  @BeforeAll
  static void load() {
    boutique =
        new ManifestsLoader().load(ClusterDirectories.realWorld().resolve("microservices-demo"));
    policies = PolicyEvaluator.of(boutique);
    tracer = PacketTracer.of(boutique, policies);
  }

  private static Trace trace(String from, String to, String port) {
    return tracer.trace(TraceRequest.parse(from, to, port, null));
  }

  @Test
  @DisplayName("The dump has no nodes: every pod stands on the one stand-in node, which is assumed")
  void podsOnTheStandInNode() {
    assertThat(boutique.nodes()).extracting(Node::name).containsExactly("unplaced");
    assertThat(boutique.nodes().get(0).provenance()).isEqualTo(Provenance.ASSUMED);
    assertThat(boutique.pods()).hasSizeGreaterThanOrEqualTo(11);
    assertThat(boutique.pods()).extracting(Pod::nodeName).containsOnly("unplaced");
    assertThat(boutique.networkPolicies()).hasSize(13);
    assertThat(boutique.source().warnings())
        .anyMatch(
            w ->
                w.startsWith(boutique.pods().size() + " pods without placement")
                    && w.contains("stand-in node 'unplaced'"));
  }

  @Test
  @DisplayName("frontend -> cartservice:7070 is traced end to end, allowed, with assumed hops")
  void frontendToCartservice() {
    Trace t = trace("default/frontend", "default/cartservice", "7070");
    assertThat(t.verdict()).isEqualTo(TraceVerdict.ALLOWED);
    assertThat(t.hops()).last().extracting(Hop::action).isEqualTo(Action.DELIVERED);
    assertThat(t.hops()).isNotEmpty().allMatch(h -> h.node().isEmpty() || h.onAssumedNode());
    assertThat(t.hops())
        .filteredOn(h -> !h.device().isEmpty())
        .isNotEmpty()
        .allMatch(h -> h.deviceProvenance() == Provenance.ASSUMED);
    assertThat(t.policy().allowed()).isTrue();
    assertThat(t.policy().allowed())
        .isEqualTo(
            policies
                .evaluate(
                    new PolicyQuery(
                        new PolicyEndpoint.PodPeer(pod("frontend")),
                        new PolicyEndpoint.PodPeer(pod("cartservice")),
                        7070,
                        Protocol.TCP,
                        false))
                .allowed());
  }

  @ParameterizedTest(name = "{0} -> {1}:{2} is {3}")
  @CsvSource({
    "frontend, cartservice, 7070, ALLOWED",
    "checkoutservice, cartservice, 7070, ALLOWED",
    "cartservice, redis-cart, 6379, ALLOWED",
    "frontend, redis-cart, 6379, DENIED",
    "frontend, productcatalogservice, 3550, ALLOWED",
    "recommendationservice, productcatalogservice, 3550, ALLOWED",
    "adservice, cartservice, 7070, DENIED",
    "frontend, cartservice, 8080, DENIED",
    "checkoutservice, paymentservice, 50051, ALLOWED",
    "frontend, paymentservice, 50051, DENIED"
  })
  void verdictsFollowThePolicies(String from, String to, String port, TraceVerdict expected) {
    Trace t = trace("default/" + from, "default/" + to, port);
    assertThat(t.verdict()).as(t.reason()).isEqualTo(expected);
    assertThat(t.hops()).anyMatch(Hop::onAssumedNode);
  }

  private static Pod pod(String name) {
    return boutique.pods().stream()
        .filter(p -> p.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pod " + name));
  }
}
