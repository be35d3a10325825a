package io.hopscope.snapshot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotExport;
import io.hopscope.snapshot.SnapshotFixtures;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import io.hopscope.topology.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class StateJsonTest {

  @Test
  @DisplayName(
      "A state with every interface and link kind survives compress and decompress as an equal record graph")
  void roundTripsEveryKind() {
    ClusterState state = SnapshotFixtures.everyKindOfObject();
    var compressed = StateJson.compress(state);
    assertThat(StateJson.decompress(compressed.gzip())).isEqualTo(state);
    assertThat(compressed.jsonBytes()).isGreaterThan(compressed.gzip().length);
  }

  @Test
  @DisplayName(
      "An assumed node keeps its provenance through a snapshot; a node of the input writes none")
  void assumedNodeRoundTrips() {
    ClusterState base = SnapshotFixtures.everyKindOfObject();
    List<Node> nodes = new ArrayList<>(base.nodes());
    nodes.add(
        new Node(
            Node.STAND_IN, "172.18.0.2", "", List.of(), "", Map.of(), true, Provenance.ASSUMED));
    ClusterState state =
        new ClusterState(
            base.source(),
            base.network(),
            nodes,
            base.namespaces(),
            base.pods(),
            base.services(),
            base.networkPolicies(),
            base.interfaces(),
            base.links());
    ClusterState back = StateJson.decompress(StateJson.compress(state).gzip());
    assertThat(back).isEqualTo(state);
    assertThat(back.nodes())
        .filteredOn(Node::assumed)
        .extracting(Node::name)
        .containsExactly("unplaced");
    // only the assumed node writes a node provenance; the input's nodes leave it out
    String json = new String(StateJson.toJson(state), StandardCharsets.UTF_8);
    assertThat(json.split("\"provenance\":\"ASSUMED\"", -1)).hasSize(2);
  }

  @Test
  @DisplayName(
      "Generated addresses and a per-packet eBPF Service path survive; false and empty are left out")
  void generatedAndPerPacketRoundTrip() {
    String app =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cilium-config, namespace: kube-system}
        data: {kube-proxy-replacement: partial, enable-node-port: "true"}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec: {containers: [{name: a, image: a}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec: {type: NodePort, ports: [{port: 80}]}
        """;
    var parsed = new io.hopscope.source.manifests.ManifestParser().parse("app.yaml", app);
    ClusterState state =
        new io.hopscope.source.manifests.ManifestsLoader().assemble(parsed, "manifests", "app");
    assertThat(state.network().perPacketServiceLb()).isTrue();
    assertThat(state.services().get(0).generated()).containsExactly("clusterIPs", "nodePort");
    assertThat(state.pods().get(0).generated()).containsExactly("podIps");

    assertThat(StateJson.decompress(StateJson.compress(state).gzip())).isEqualTo(state);
    String json = new String(StateJson.toJson(state), StandardCharsets.UTF_8);
    assertThat(json).contains("\"perPacketServiceLb\":true").contains("\"generated\":[\"podIps\"]");
    String plain =
        new String(StateJson.toJson(SnapshotFixtures.everyKindOfObject()), StandardCharsets.UTF_8);
    assertThat(plain).doesNotContain("perPacketServiceLb").doesNotContain("\"generated\"");
  }

  @Test
  @DisplayName("Equal states give byte-identical JSON, because map keys are sorted")
  void deterministicBytes() {
    ClusterState state = SnapshotFixtures.everyKindOfObject();
    byte[] first = StateJson.toJson(state);
    byte[] second = StateJson.toJson(StateJson.decompress(StateJson.compress(state).gzip()));
    assertThat(new String(second, StandardCharsets.UTF_8))
        .isEqualTo(new String(first, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName(
      "The streamed export of a stored state is byte for byte the export document, and reads back")
  void streamedExport() throws Exception {
    ClusterState state = SnapshotFixtures.everyKindOfObject();
    var compressed = StateJson.compress(state);
    Snapshot snapshot =
        new Snapshot(
            "AAAAAAAAAAAAAAAAAAAAAA",
            "n \"quoted\" <x>",
            Instant.parse("2026-01-02T03:04:05.123456Z"),
            Snapshot.Origin.CAPTURE,
            new Snapshot.Source("demo", "flannel-vxlan", null),
            new Snapshot.Counts(1, 2, 3, 4),
            compressed.jsonBytes(),
            compressed.gzip().length);
    byte[] streamed;
    try (var in = StateJson.exportStream(snapshot, compressed.gzip())) {
      streamed = in.readAllBytes();
    }
    byte[] built = StateJson.toJson(SnapshotExport.of(snapshot, state));
    assertThat(new String(streamed, StandardCharsets.UTF_8))
        .isEqualTo(new String(built, StandardCharsets.UTF_8));
    assertThat(
            StateJson.readExport(StateJson.readTree(new String(streamed, StandardCharsets.UTF_8)))
                .state())
        .isEqualTo(state);
  }

  @Test
  @DisplayName("An export read back through the tree gives the same state, name and time")
  void exportRoundTrip() {
    ClusterState state = SnapshotFixtures.everyKindOfObject();
    var export =
        new SnapshotExport(
            SnapshotExport.FORMAT, 1, "n <x>", Instant.parse("2026-01-02T03:04:05.123456Z"), state);
    String json = new String(StateJson.toJson(export), StandardCharsets.UTF_8);
    assertThat(json).startsWith("{\"format\":\"hopscope-snapshot\"");
    assertThat(StateJson.readExport(StateJson.readTree(json))).isEqualTo(export);
  }

  @Test
  @DisplayName("Documents nested deeper than the limit are refused while reading")
  void refusesDeepNesting() {
    String deep =
        "[".repeat(StateJson.MAX_NESTING_DEPTH + 5) + "]".repeat(StateJson.MAX_NESTING_DEPTH + 5);
    assertThatThrownBy(() -> StateJson.readTree(deep))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  @DisplayName("Strings longer than the limit are refused while reading")
  void refusesHugeStrings() {
    String huge = "{\"a\":\"" + "x".repeat(StateJson.MAX_STRING_LENGTH + 10) + "\"}";
    assertThatThrownBy(() -> StateJson.readTree(huge))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("String value length");
  }
}
