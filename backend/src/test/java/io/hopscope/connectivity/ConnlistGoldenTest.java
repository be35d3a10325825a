package io.hopscope.connectivity;

import static io.hopscope.fixtures.Fixtures.container;
import static io.hopscope.fixtures.Fixtures.namespace;
import static io.hopscope.fixtures.Fixtures.tcp;
import static io.hopscope.fixtures.Fixtures.udp;
import static io.hopscope.fixtures.Policies.all;
import static io.hopscope.fixtures.Policies.anyPeer;
import static io.hopscope.fixtures.Policies.bothPeer;
import static io.hopscope.fixtures.Policies.egressPolicy;
import static io.hopscope.fixtures.Policies.ingressPolicy;
import static io.hopscope.fixtures.Policies.ipBlock;
import static io.hopscope.fixtures.Policies.labels;
import static io.hopscope.fixtures.Policies.namedPort;
import static io.hopscope.fixtures.Policies.namespacePeer;
import static io.hopscope.fixtures.Policies.peers;
import static io.hopscope.fixtures.Policies.podPeer;
import static io.hopscope.fixtures.Policies.port;
import static io.hopscope.fixtures.Policies.portRange;
import static io.hopscope.fixtures.Policies.rule;
import static io.hopscope.policy.PolicyFixtures.state;
import static io.hopscope.topology.Protocol.TCP;
import static io.hopscope.topology.Protocol.UDP;

import io.hopscope.GoldenFiles;
import io.hopscope.fixtures.Fixtures;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Connlists of a small shop cluster in both formats, against {@code golden/connectivity/}. */
class ConnlistGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/connectivity");

  /**
   * Two web replicas (one ReplicaSet), an api pod and a db StatefulSet pod; api only from web on
   * http, db only from api on 5432, web egress to the api, DNS and an outside range; web from
   * everywhere but 10.2/16 on TCP 80, and from namespace data.
   */
  static ClusterState shopWithWorkloads() {
    List<Pod> pods =
        List.of(
            replica(
                "shop", "web-7f9c-a", "ReplicaSet", "web-7f9c", Map.of("app", "web"), "10.1.0.1"),
            replica(
                "shop", "web-7f9c-b", "ReplicaSet", "web-7f9c", Map.of("app", "web"), "10.1.0.2"),
            Fixtures.pod("shop", "api")
                .uid("u-api")
                .labels(Map.of("app", "api"))
                .node("n1")
                .ips("10.1.0.3")
                .containers(container("main", "api", tcp("http", 8080), udp("stats", 8125)))
                .build(),
            replica("data", "db-0", "StatefulSet", "db", Map.of("app", "db"), "10.2.0.1"));
    return state(
        List.of(namespace("shop", Map.of()), namespace("data", Map.of())),
        pods,
        List.of(
            ingressPolicy(
                "shop",
                "api-from-web",
                labels("app", "api"),
                rule(
                    peers(podPeer(labels("app", "web"))),
                    namedPort(TCP, "http"),
                    namedPort(UDP, "stats"))),
            ingressPolicy(
                "data",
                "db-from-api",
                all(),
                rule(peers(bothPeer(labels("app", "api"), all())), portRange(TCP, 5432, 5433))),
            egressPolicy(
                "shop",
                "web-egress",
                labels("app", "web"),
                rule(peers(podPeer(labels("app", "api")))),
                anyPeer(port(UDP, 53)),
                rule(peers(ipBlock("203.0.113.0/24", "203.0.113.128/25")), port(TCP, 443))),
            ingressPolicy(
                "shop",
                "web-from-outside",
                labels("app", "web"),
                rule(peers(ipBlock("0.0.0.0/0", "10.2.0.0/16")), port(TCP, 80)),
                rule(peers(namespacePeer(labels("kubernetes.io/metadata.name", "data")))))));
  }

  static Pod replica(
      String ns, String name, String kind, String owner, Map<String, String> labels, String ip) {
    return Fixtures.pod(ns, name)
        .uid("u-" + name)
        .labels(labels)
        .owner(kind, owner)
        .node("n1")
        .ips(ip)
        .containers(container("main", "img", tcp("web", 80)))
        .build();
  }

  @Test
  @DisplayName("the txt connlist matches its golden file")
  void txt() throws IOException {
    check(
        "shop.txt",
        new TxtConnlist()
            .write(
                ConnectivityAnalyzer.analyze(
                    PolicyEvaluator.of(shopWithWorkloads()), Semantics.DEFAULT)));
  }

  @Test
  @DisplayName("the json connlist matches its golden file")
  void json() throws IOException {
    check(
        "shop.json",
        new JsonConnlist()
            .write(
                ConnectivityAnalyzer.analyze(
                    PolicyEvaluator.of(shopWithWorkloads()), Semantics.DEFAULT)));
  }

  @Test
  @DisplayName("with ipBlockMatchesPods=false pods are not inside the ipBlock ranges")
  void txtWithoutPodBlocks() throws IOException {
    check(
        "shop-ipblocks-ignore-pods.txt",
        new TxtConnlist()
            .write(
                ConnectivityAnalyzer.analyze(
                    PolicyEvaluator.of(shopWithWorkloads()), Semantics.ipBlockMatchesPods(false))));
  }

  private static void check(String name, String actual) throws IOException {
    GoldenFiles.assertMatches(GOLDEN.resolve(name), actual);
  }
}
