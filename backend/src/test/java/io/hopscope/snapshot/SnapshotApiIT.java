package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.FixtureSource;
import io.hopscope.HopscopeAppTest;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

@HopscopeAppTest(
    properties = {"hopscope.snapshots.max-upload=4MB", "hopscope.snapshots.max-unzipped=8MB"})
@Import(FixtureSource.EveryKindOfObject.class)
class SnapshotApiIT {

  @LocalServerPort int port;

  @Autowired FixtureSource source;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  @Test
  @DisplayName(
      "Capture answers 201 with id, name, time, source, share url and a Location; get returns the captured state")
  void captureAndGet() {
    var reply = api.capture("before the change");
    assertThat(reply.status()).isEqualTo(201);
    var body = reply.json();
    String id = body.get("id").asString();
    assertThat(id).matches("[A-Za-z0-9_-]{22}");
    assertThat(body.get("name").asString()).isEqualTo("before the change");
    assertThat(body.get("createdAt").asString()).isNotEmpty();
    assertThat(body.get("source").get("kind").asString()).isEqualTo("demo");
    assertThat(body.get("url").asString()).isEqualTo("/snapshots/" + id);
    assertThat(reply.header("Location")).endsWith("/api/v1/snapshots/" + id);

    var got = api.get("/api/v1/snapshots/" + id);
    assertThat(got.status()).isEqualTo(200);
    assertThat(StateJson.mapper().readValue(got.bytes(), ClusterState.class))
        .isEqualTo(source.current());
  }

  @Test
  @DisplayName(
      "Capture without a body gets a default name; hostile text is stored and returned exactly as given")
  void names() {
    assertThat(api.capture(null).json().get("name").asString()).startsWith("Snapshot ");
    String hostile = "<script>alert('x')</script> \"; DROP TABLE snapshot; -- ünï ✓";
    var reply = api.capture(hostile);
    assertThat(reply.status()).isEqualTo(201);
    String id = reply.json().get("id").asString();
    var listed = api.get("/api/v1/snapshots?size=200").json().get("items");
    assertThat(
            listed
                .valueStream()
                .filter(s -> s.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow()
                .get("name")
                .asString())
        .isEqualTo(hostile);
  }

  @Test
  @DisplayName(
      "Invalid names and bodies are refused with 400 naming the parameter, and nothing is stored")
  void invalidNames() {
    long before = api.count();
    assertBad(api.capture("x".repeat(SnapshotName.MAX_LENGTH + 1)), "name");
    assertBad(api.capture("bell\u0007"), "name");
    assertBad(api.capture("right-to-left \u202E override"), "name");
    assertBad(api.post("/api/v1/snapshots", "application/json", "{\"name\": 42}"), "name");
    assertBad(api.post("/api/v1/snapshots", "application/json", "[1,2]"), "body");
    assertBad(api.post("/api/v1/snapshots", "application/json", "{\"name\": "), "body");
    assertThat(
            api.post(
                    "/api/v1/snapshots",
                    "application/json",
                    "{\"name\":\"" + "x".repeat(20_000) + "\"}")
                .status())
        .isEqualTo(413);
    assertThat(api.count()).isEqualTo(before);
  }

  @Test
  @DisplayName("The list is newest first and paged; bad paging parameters are 400")
  void listNewestFirst() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(api.capture("list " + i).json().get("id").asString());
    }
    var page = api.get("/api/v1/snapshots?page=0&size=2").json();
    assertThat(page.get("size").asInt()).isEqualTo(2);
    assertThat(page.get("items").size()).isEqualTo(2);
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(ids.get(2));
    assertThat(page.get("items").get(1).get("id").asString()).isEqualTo(ids.get(1));
    assertThat(page.get("items").get(0).get("counts").get("pods").asInt()).isEqualTo(2);
    var second = api.get("/api/v1/snapshots?page=1&size=2").json();
    assertThat(second.get("items").get(0).get("id").asString()).isEqualTo(ids.get(0));
    assertBad(api.get("/api/v1/snapshots?size=0"), "size");
    assertBad(api.get("/api/v1/snapshots?size=abc"), "size");
    assertBad(api.get("/api/v1/snapshots?page=-1"), "page");
  }

  @Test
  @DisplayName(
      "Export is a download that import takes back identical: same state, same name, byte-equal state JSON")
  void exportImportRoundTrip() {
    String id = api.capture("round trip").json().get("id").asString();
    var export = api.get("/api/v1/snapshots/" + id + "/export");
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.header("Content-Disposition"))
        .startsWith("attachment")
        .contains("hopscope-snapshot-" + id + ".json");
    var imported = api.post("/api/v1/snapshots/import", "application/json", export.bytes());
    assertThat(imported.status()).isEqualTo(201);
    assertThat(imported.json().get("warnings").isArray()).isTrue();
    assertThat(imported.json().get("name").asString()).isEqualTo("round trip");
    String copy = imported.json().get("id").asString();
    assertThat(copy).isNotEqualTo(id);

    var original = StateJson.readExport(StateJson.readTree(export.text()));
    var again =
        StateJson.readExport(
            StateJson.readTree(api.get("/api/v1/snapshots/" + copy + "/export").text()));
    assertThat(again.state()).isEqualTo(original.state()).isEqualTo(source.current());
    assertThat(StateJson.toJson(again.state())).isEqualTo(StateJson.toJson(original.state()));
  }

  @Test
  @DisplayName(
      "A gzip export (?compress=gzip) unzips to the plain export, and import takes it back as application/gzip")
  void gzipExportImportRoundTrip() throws Exception {
    String id = api.capture("gzipped").json().get("id").asString();
    byte[] plain = api.get("/api/v1/snapshots/" + id + "/export").bytes();
    var gzipped = api.get("/api/v1/snapshots/" + id + "/export?compress=gzip");
    assertThat(gzipped.status()).isEqualTo(200);
    assertThat(gzipped.header("Content-Type")).isEqualTo("application/gzip");
    assertThat(gzipped.header("Content-Disposition"))
        .contains("hopscope-snapshot-" + id + ".json.gz");
    assertThat(gunzip(gzipped.bytes())).isEqualTo(plain);
    assertThat(gzipped.bytes().length).isLessThan(plain.length);

    var imported = api.post("/api/v1/snapshots/import", "application/gzip", gzipped.bytes());
    assertThat(imported.status()).as(imported.text()).isEqualTo(201);
    assertThat(imported.json().get("name").asString()).isEqualTo("gzipped");
    String copy = imported.json().get("id").asString();
    assertThat(
            StateJson.mapper()
                .readValue(api.get("/api/v1/snapshots/" + copy).bytes(), ClusterState.class))
        .isEqualTo(source.current());

    String yaml = demoManifests("weave");
    var manifests =
        api.post(
            "/api/v1/snapshots/import",
            "application/x-gzip",
            gzip(yaml.getBytes(StandardCharsets.UTF_8)));
    assertThat(manifests.status()).as(manifests.text()).isEqualTo(201);
    assertThat(manifests.json().get("source").get("kind").asString()).isEqualTo("import");
    assertBad(api.get("/api/v1/snapshots/" + id + "/export?compress=zip"), "compress");
  }

  @Test
  @DisplayName(
      "A gzip upload that unzips beyond the limit is 413, a corrupt one 400, and neither stores anything")
  void hostileGzipUploads() throws Exception {
    long before = api.count();
    byte[] bomb = gzip(new byte[9 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(64 * 1024);
    var refused = api.post("/api/v1/snapshots/import", "application/gzip", bomb);
    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.json().get("detail").asString()).contains("max-unzipped");
    byte[] valid = gzip("{\"kind\":\"List\",\"items\":[]}".getBytes(StandardCharsets.UTF_8));
    assertBad(
        api.post(
            "/api/v1/snapshots/import",
            "application/gzip",
            java.util.Arrays.copyOf(valid, valid.length - 6)),
        "body");
    assertBad(api.post("/api/v1/snapshots/import", "application/gzip", "not gzip at all"), "body");
    assertThat(api.count()).isEqualTo(before);
  }

  private static byte[] gzip(byte[] bytes) throws java.io.IOException {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] gunzip(byte[] bytes) throws java.io.IOException {
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  @Test
  @DisplayName("Delete removes a snapshot (204, then 404); unknown and malformed ids are 404")
  void deleteAndUnknown() {
    String id = api.capture("to delete").json().get("id").asString();
    assertThat(api.delete("/api/v1/snapshots/" + id).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/snapshots/" + id).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/snapshots/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/snapshots/AAAAAAAAAAAAAAAAAAAAAA").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/snapshots/not-an-id/export").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/snapshots/AAAAAAAAAAAAAAAAAAAAAA").header("Content-Type"))
        .contains("problem+json");
  }

  @Test
  @DisplayName(
      "Garbage, truncated, non-UTF-8, deeply nested, huge-string, unknown-format and wrong-type uploads are 4xx and store nothing")
  void hostileUploads() {
    String id = api.capture("source of an export").json().get("id").asString();
    byte[] export = api.get("/api/v1/snapshots/" + id + "/export").bytes();
    long before = api.count();

    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    assertBad(api.post("/api/v1/snapshots/import", "application/json", garbage), "body");
    assertBad(api.post("/api/v1/snapshots/import", "application/json", "{\"not json"), "body");
    var truncated =
        api.post(
            "/api/v1/snapshots/import",
            "application/json",
            java.util.Arrays.copyOf(export, export.length / 2));
    assertBad(truncated, "body");
    assertThat(truncated.json().get("detail").asString()).matches("(?s)upload:\\d+:\\d+: .*");
    assertBad(
        api.post(
            "/api/v1/snapshots/import", "application/json", "[".repeat(5000) + "]".repeat(5000)),
        "body");
    assertBad(
        api.post(
            "/api/v1/snapshots/import",
            "application/json",
            "{\"format\":\"hopscope-snapshot\",\"version\":1,\"name\":\""
                + "x".repeat(2 * 1024 * 1024)
                + "\"}"),
        "body");
    assertBad(
        api.post("/api/v1/snapshots/import", "application/json", "{\"format\":\"something-else\"}"),
        "body");
    assertBad(
        api.post(
            "/api/v1/snapshots/import",
            "application/json",
            "{\"format\":\"hopscope-snapshot\",\"version\":1}"),
        "body");
    assertBad(
        api.post(
            "/api/v1/snapshots/import",
            "application/json",
            "{\"format\":\"hopscope-snapshot\",\"version\":1,\"state\":{\"pods\":[{\"name\":1}]}}"),
        "body");
    assertBad(api.post("/api/v1/snapshots/import", "application/json", ""), "body");
    assertBad(
        api.post(
            "/api/v1/snapshots/import", "application/json", new byte[] {(byte) 0xC3, (byte) 0x28}),
        "body");
    String renamed = new String(export, StandardCharsets.UTF_8);
    assertBad(
        api.post(
            "/api/v1/snapshots/import?name="
                + java.net.URLEncoder.encode("bad\u0001name", StandardCharsets.UTF_8),
            "application/json",
            renamed),
        "name");
    assertThat(api.post("/api/v1/snapshots/import", "text/plain", export).status()).isEqualTo(415);
    assertThat(api.post("/api/v1/snapshots/import", null, export).status()).isEqualTo(415);
    assertThat(api.count()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "Kubernetes manifests as YAML are imported into a snapshot of kind import, with the parser's warnings")
  void importsYamlManifests() throws Exception {
    String yaml = demoManifests("flannel-vxlan") + "\n---\nkind: NotAThing\n";
    var reply = api.post("/api/v1/snapshots/import?name=demo%20upload", "application/yaml", yaml);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
    assertThat(reply.json().get("name").asString()).isEqualTo("demo upload");
    assertThat(reply.json().get("source").get("kind").asString()).isEqualTo("import");
    assertThat(reply.json().get("warnings").isArray()).isTrue();
    String id = reply.json().get("id").asString();
    var state =
        StateJson.mapper()
            .readValue(api.get("/api/v1/snapshots/" + id).bytes(), ClusterState.class);
    assertThat(state.nodes()).hasSize(3);
    assertThat(state.pods()).isNotEmpty();
  }

  @Test
  @DisplayName("Kubernetes manifests as a JSON List are imported")
  void importsJsonManifests() {
    String json =
        """
        {"apiVersion":"v1","kind":"List","items":[
          {"apiVersion":"v1","kind":"Pod","metadata":{"name":"solo","namespace":"default","labels":{"app":"solo"}},
           "spec":{"nodeName":"n1","containers":[{"name":"c","image":"busybox"}]},"status":{"podIP":"10.1.0.5","phase":"Running"}}
        ]}
        """;
    var reply = api.post("/api/v1/snapshots/import", "application/json", json);
    assertThat(reply.status()).as(reply.text()).isEqualTo(201);
  }

  @Test
  @DisplayName(
      "Billion laughs, broken YAML (with line), invalid object names and manifests without objects are 400 and store nothing")
  void hostileYaml() {
    long before = api.count();
    StringBuilder laughs =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      laughs.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        laughs.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
      }
      laughs.append("]\n");
    }
    assertBad(api.post("/api/v1/snapshots/import", "application/yaml", laughs.toString()), "body");
    var broken =
        api.post(
            "/api/v1/snapshots/import",
            "application/yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n");
    assertBad(broken, "body");
    assertThat(broken.json().get("detail").asString()).matches("(?s)upload:\\d+:\\d+: .*");
    assertBad(
        api.post(
            "/api/v1/snapshots/import",
            "application/yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name!\n  namespace: default\nspec:\n  containers: []\n"),
        "body");
    assertBad(api.post("/api/v1/snapshots/import", "application/yaml", "just: a map\n"), "body");
    assertBad(api.post("/api/v1/snapshots/import", "application/yaml", "[".repeat(3000)), "body");
    assertThat(api.count()).isEqualTo(before);
  }

  static String demoManifests(String scenario) throws java.io.IOException {
    StringBuilder all = new StringBuilder();
    for (String file :
        List.of(
            "00-nodes.yaml",
            "default.yaml",
            "kube-flannel.yaml",
            "kube-system.yaml",
            "monitoring.yaml",
            "payments.yaml",
            "shop.yaml")) {
      try (var in = SnapshotApiIT.class.getResourceAsStream("/demo/" + scenario + "/" + file)) {
        if (in != null) {
          all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append("\n---\n");
        }
      }
    }
    return all.toString();
  }

  @Test
  @DisplayName(
      "An upload larger than hopscope.snapshots.max-upload is refused with 413 and stores nothing")
  void oversized() {
    long before = api.count();
    byte[] big = new byte[5 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThat(api.post("/api/v1/snapshots/import", "application/json", big).status())
        .isEqualTo(413);
    assertThat(api.count()).isEqualTo(before);
  }

  @Test
  @DisplayName("200 captures and imports, 8 at a time, are all stored under distinct ids")
  void concurrentCapturesAndImports() throws Exception {
    String id = api.capture("concurrency source").json().get("id").asString();
    byte[] export = api.get("/api/v1/snapshots/" + id + "/export").bytes();
    long before = api.count();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Api.Reply>> replies = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        replies.add(
            pool.submit(
                () ->
                    n % 2 == 0
                        ? api.capture("parallel " + n)
                        : api.post(
                            "/api/v1/snapshots/import?name=parallel-" + n,
                            "application/json",
                            export)));
      }
      Set<String> ids = Collections.synchronizedSet(new HashSet<>());
      for (Future<Api.Reply> reply : replies) {
        Api.Reply r = reply.get();
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        ids.add(r.json().get("id").asString());
      }
      assertThat(ids).hasSize(200);
      assertThat(api.count()).isEqualTo(before + 200);
      for (String stored : ids) {
        assertThat(api.get("/api/v1/snapshots/" + stored).status()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertBad(Api.Reply reply, String parameter) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(400);
    assertThat(reply.header("Content-Type")).contains("application/problem+json");
    assertThat(reply.json().get("parameter").asString()).isEqualTo(parameter);
  }
}
