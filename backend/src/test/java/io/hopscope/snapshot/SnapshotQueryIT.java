package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queries against a snapshot answer exactly what the same queries answer live for the same state
 * (the demo cluster).
 */
@HopscopeAppTest
class SnapshotQueryIT {

  @LocalServerPort int port;

  Api api;
  String id;
  ClusterState state;

  @BeforeEach
  void capture() {
    api = new Api(port);
    id = api.capture("query source").json().get("id").asString();
    state =
        StateJson.mapper()
            .readValue(api.get("/api/v1/snapshots/" + id).bytes(), ClusterState.class);
  }

  @Test
  @DisplayName("Traces between pods and to Services answer the same on the snapshot path as live")
  void tracesMatchLive() {
    List<String> queries = new ArrayList<>();
    List<Pod> pods =
        state.pods().stream()
            .filter(p -> !p.hostNetwork() && !p.podIps().isEmpty())
            .limit(4)
            .toList();
    for (Pod from : pods) {
      for (Pod to : pods) {
        if (from != to) {
          queries.add("from=" + from.ref() + "&to=" + to.ref() + "&port=80");
        }
      }
      for (Service service : state.services().stream().limit(3).toList()) {
        int servicePort = service.ports().isEmpty() ? 80 : service.ports().get(0).port();
        queries.add("from=" + from.ref() + "&to=service:" + service.ref() + "&port=" + servicePort);
      }
    }
    assertThat(queries).hasSizeGreaterThan(10);
    for (String query : queries) {
      assertSameAnswer("/trace?" + query);
    }
  }

  @Test
  @DisplayName("Policy verdicts and connectivity answer the same on the snapshot path as live")
  void policyMatchesLive() {
    List<Pod> pods = state.pods().stream().filter(p -> !p.hostNetwork()).limit(5).toList();
    for (Pod from : pods) {
      for (Pod to : pods) {
        assertSameAnswer("/policy/verdict?from=" + from.ref() + "&to=" + to.ref() + "&port=6379");
      }
    }
    assertSameAnswer("/connectivity?format=json");
    assertSameAnswer("/connectivity?format=txt");
  }

  @Test
  @DisplayName("Bad parameters get the same 4xx on the snapshot path; an unknown snapshot is 404")
  void errorsMatchLive() {
    assertSameAnswer("/trace?from=nope&to=shop/x&port=80");
    assertThat(
            api.get("/api/v1/snapshots/AAAAAAAAAAAAAAAAAAAAAA/trace?from=a/b&to=c/d&port=80")
                .status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("A diff names removed policies and the connectivity the removal gained")
  void diffWithConnectivity() {
    ObjectNode export = (ObjectNode) api.get("/api/v1/snapshots/" + id + "/export").json();
    ArrayNode policies = (ArrayNode) export.get("state").get("networkPolicies");
    assertThat(policies.size()).isGreaterThan(0);
    String removed =
        policies.get(0).get("namespace").asString() + "/" + policies.get(0).get("name").asString();
    policies.removeAll();
    var imported =
        api.post(
            "/api/v1/snapshots/import?name=no%20policies",
            "application/json", export.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).isEqualTo(201);
    String other = imported.json().get("id").asString();

    var diff = api.get("/api/v1/snapshots/" + id + "/diff/" + other);
    assertThat(diff.status()).as(diff.text()).isEqualTo(200);
    var body = diff.json();
    assertThat(body.get("policies").get("removed").valueStream().map(n -> n.asString()).toList())
        .contains(removed);
    assertThat(body.get("pods").get("changed").size()).as(body.get("pods").toString()).isZero();
    assertThat(
            body.get("connectivity").get("gained").size()
                + body.get("connectivity").get("changed").size())
        .isGreaterThan(0);
    assertThat(body.get("connectivity").get("lost").size()).isZero();
    assertThat(
            api.get("/api/v1/snapshots/" + id + "/diff/AAAAAAAAAAAAAAAAAAAAAA")
                .json()
                .get("parameter")
                .asString())
        .isEqualTo("b");
  }

  private void assertSameAnswer(String pathAndQuery) {
    var live = api.get("/api/v1" + pathAndQuery);
    var snapshot = api.get("/api/v1/snapshots/" + id + pathAndQuery);
    assertThat(snapshot.status()).as(pathAndQuery).isEqualTo(live.status());
    assertThat(live.status()).as(pathAndQuery + " " + live.text()).isNotEqualTo(404);
    if (live.status() == 200 && "application/json".equals(mediaType(live))) {
      assertThat(snapshot.json()).as(pathAndQuery).isEqualTo(live.json());
    } else if (live.status() == 200) {
      assertThat(snapshot.text()).as(pathAndQuery).isEqualTo(live.text());
    } else {
      assertThat(snapshot.json().get("detail"))
          .as(pathAndQuery)
          .isEqualTo(live.json().get("detail"));
    }
  }

  private static String mediaType(Api.Reply reply) {
    String type = reply.header("Content-Type");
    return type == null ? "" : type.split(";")[0].trim();
  }
}
