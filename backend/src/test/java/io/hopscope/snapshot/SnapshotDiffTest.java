package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.fixtures.Fixtures;
import io.hopscope.fixtures.Policies;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotDiffTest {

  @Test
  @DisplayName("Equal states have an empty diff")
  void equalStates() {
    ClusterState state = SnapshotFixtures.everyKindOfObject();
    assertThat(SnapshotDiff.between(state, SnapshotFixtures.everyKindOfObject()).isEmpty())
        .isTrue();
  }

  @Test
  @DisplayName("Changed fields are named as in the JSON (clusterIPs, not the Java name clusterIps)")
  void changedFieldsUseJsonNames() {
    Service service = SnapshotFixtures.everyKindOfObject().services().get(0);
    Service moved = Fixtures.service(service).headless(true).clusterIps().build();
    assertThat(SnapshotDiff.changedFields(service, moved))
        .containsExactly("headless", "clusterIPs");
  }

  @Test
  @DisplayName(
      "Added, removed and changed objects are listed by name, changed ones with the fields that differ")
  void objectChanges() {
    ClusterState before = SnapshotFixtures.everyKindOfObject();
    Pod web = before.pods().get(0);
    Pod relabelled =
        Fixtures.pod(web).labels(Map.of("role", "frontend", "v", "2")).node("node-b").build();
    Pod extra =
        Fixtures.pod("shop", "web-2")
            .uid("uid-2")
            .labels(Map.of("role", "frontend"))
            .owner(web.owner().kind(), web.owner().name())
            .node("node-a")
            .ips("10.244.0.6")
            .build();
    List<Node> nodes = new ArrayList<>(before.nodes().subList(0, 1));
    NetworkPolicy denyAll = Policies.ingressPolicy("shop", "deny-all", Policies.all());
    ClusterState after =
        Fixtures.cluster(before)
            .nodes(nodes)
            .pods(List.of(relabelled, extra))
            .policies(List.of(before.networkPolicies().get(0), denyAll))
            .build();

    SnapshotDiff diff = SnapshotDiff.between(before, after);

    assertThat(diff.nodes().removed()).containsExactly("node-b");
    assertThat(diff.pods().added()).containsExactly("shop/web-2");
    assertThat(diff.pods().removed()).containsExactly("shop/db-0");
    assertThat(diff.pods().changed())
        .containsExactly(
            new SnapshotDiff.Changed(
                "shop/web-1",
                List.of("labels", "nodeName"),
                List.of(
                    new SnapshotDiff.FieldChange(
                        "labels",
                        new java.util.TreeMap<>(web.labels()).toString(),
                        "{role=frontend, v=2}"),
                    new SnapshotDiff.FieldChange("nodeName", web.nodeName(), "node-b"))));
    assertThat(diff.services().isEmpty()).isTrue();
    assertThat(diff.policies().added()).containsExactly("shop/deny-all");
    assertThat(diff.connectivity()).isNull();
    assertThat(diff.isEmpty()).isFalse();
  }
}
