package io.hopscope.source.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestParserTest {

  private final ManifestParser parser = new ManifestParser();

  private static String pod(String name) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          namespace: shop
        spec:
          containers:
          - name: app
            image: nginx
        """
        .formatted(name);
  }

  private static List<String> names(ParsedManifests parsed) {
    return parsed.objects().stream()
        .map(o -> o.getKind() + ":" + o.getMetadata().getName())
        .toList();
  }

  @Test
  @DisplayName("Multi-document YAML yields one object per document; empty documents are ignored")
  void multiDocumentYaml() {
    String yaml = "---\n" + pod("a") + "---\n---\n" + pod("b") + "...\n";
    ParsedManifests parsed = parser.parse("two-pods.yaml", yaml);
    assertThat(names(parsed)).containsExactly("Pod:a", "Pod:b");
    assertThat(parsed.warnings()).isEmpty();
  }

  @Test
  @DisplayName("A JSON object is read like YAML")
  void jsonObject() {
    String json =
        """
        {"apiVersion": "v1", "kind": "Pod",
         "metadata": {"name": "web", "namespace": "shop", "labels": {"app": "web"}},
         "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80, "name": "http"}]}]}}
        """;
    Pod pod = (Pod) parser.parse("pod.json", json).objects().get(0);
    assertThat(pod.getMetadata().getLabels()).containsEntry("app", "web");
    assertThat(pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort())
        .isEqualTo(80);
  }

  @Test
  @DisplayName("JSON indented with tabs, as some tools write it, is read")
  void jsonWithTabs() {
    String json =
        "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Namespace\",\n\t\"metadata\": {\n\t\t\"name\": \"tabs\"\n\t}\n}\n";
    assertThat(names(parser.parse("ns.json", json))).containsExactly("Namespace:tabs");
  }

  @Test
  @DisplayName("Compact JSON (no spaces after ':') with escaped slashes is read")
  void compactJson() {
    String json =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\","
            + "\"annotations\":{\"url\":\"http:\\/\\/x\"}},\"spec\":{\"containers\":[]}}";
    Pod pod = (Pod) parser.parse("compact.json", json).objects().get(0);
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("url", "http://x");
  }

  @Test
  @DisplayName("kind: List items carry their own kinds, as kubectl get -o json writes them")
  void kindList() {
    String json =
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"}},
          {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "token", "namespace": "shop"}}
        ]}
        """;
    ParsedManifests parsed = parser.parse("list.json", json);
    assertThat(names(parsed)).containsExactly("Namespace:shop", "Pod:web");
    assertThat(parsed.ignoredKinds()).containsEntry("Secret", 1);
  }

  @Test
  @DisplayName("PodList and NamespaceList items without kind take it from the list")
  void typedListsWithoutItemKinds() {
    String yaml =
        """
        apiVersion: v1
        kind: PodList
        items:
        - metadata: {name: a, namespace: shop}
        - metadata: {name: b, namespace: shop}
        ---
        apiVersion: v1
        kind: NamespaceList
        items:
        - metadata: {name: shop, labels: {team: retail}}
        """;
    ParsedManifests parsed = parser.parse("lists.yaml", yaml);
    assertThat(names(parsed)).containsExactly("Pod:a", "Pod:b", "Namespace:shop");
    assertThat(((Namespace) parsed.objects().get(2)).getMetadata().getLabels())
        .containsEntry("team", "retail");
  }

  @Test
  @DisplayName(
      "Workloads under old apiVersions (extensions/v1beta1) are read as their current kinds")
  void oldApiVersions() {
    String yaml =
        """
        apiVersion: extensions/v1beta1
        kind: DaemonSet
        metadata: {name: agent, namespace: kube-system}
        spec:
          template:
            metadata: {labels: {app: agent}}
            spec: {containers: [{name: agent, image: agent:1}]}
        """;
    HasMetadata object = parser.parse("ds.yaml", yaml).objects().get(0);
    assertThat(object).isInstanceOf(DaemonSet.class);
    assertThat(((DaemonSet) object).getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("app", "agent");
  }

  @Test
  @DisplayName("Unknown kinds are counted, not kept")
  void unknownKindsCounted() {
    String yaml =
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: a}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: b}
        ---
        apiVersion: example.com/v1
        kind: Widget
        metadata: {name: c}
        """;
    ParsedManifests parsed = parser.parse("other.yaml", yaml);
    assertThat(parsed.objects()).isEmpty();
    assertThat(parsed.ignoredKinds()).isEqualTo(Map.of("Ingress", 2, "Widget", 1));
  }

  @Test
  @DisplayName(
      "Documents that are not manifests (a JSON array, a scalar, a map without kind) are skipped with a warning naming the file")
  void nonManifestDocumentsSkipped() {
    assertThat(
            parser.parse("connlist_output.json", "[{\"src\": \"a\", \"dst\": \"b\"}]").warnings())
        .singleElement()
        .asString()
        .contains("connlist_output.json")
        .contains("not a Kubernetes manifest");
    assertThat(parser.parse("scalar.yaml", "just text").warnings())
        .singleElement()
        .asString()
        .contains("scalar.yaml");
    ParsedManifests mixed = parser.parse("mixed.yaml", "foo: bar\n---\n" + pod("web"));
    assertThat(names(mixed)).containsExactly("Pod:web");
    assertThat(mixed.warnings())
        .singleElement()
        .asString()
        .contains("mixed.yaml (document 1, line 1)");
  }

  @Test
  @DisplayName("An empty file, or one with only comments, has no objects and no warnings")
  void emptyFile() {
    assertThat(parser.parse("empty.yaml", "")).isEqualTo(ParsedManifests.empty());
    assertThat(parser.parse("comments.yaml", "# nothing here\n---\n# still nothing\n"))
        .isEqualTo(ParsedManifests.empty());
  }

  @Test
  @DisplayName("managedFields and last-applied-configuration are dropped when read")
  void bulkyFieldsDropped() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: '{"big": "json"}'
            team: retail
          managedFields:
          - manager: kubectl
            operation: Apply
        """;
    Pod pod = (Pod) parser.parse("pod.yaml", yaml).objects().get(0);
    assertThat(pod.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(pod.getMetadata().getAnnotations()).containsOnlyKeys("team");
  }

  @Test
  @DisplayName(
      "A directory is read recursively in sorted order; other files are skipped with a warning")
  void directoryRecursion(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("b/nested"));
    Files.writeString(dir.resolve("b/nested/z.yml"), pod("from-z"));
    Files.writeString(dir.resolve("a.yaml"), pod("from-a"));
    Files.writeString(
        dir.resolve("b/c.json"),
        "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"from-c\"}}");
    Files.writeString(dir.resolve("README.md"), "# not a manifest");
    ParsedManifests parsed = parser.parseTree(dir);
    assertThat(names(parsed)).containsExactly("Pod:from-a", "Namespace:from-c", "Pod:from-z");
    assertThat(parsed.warnings())
        .singleElement()
        .asString()
        .contains("README.md")
        .contains("skipped");
  }

  @Test
  @DisplayName("A single file can be given instead of a directory; a missing path is an error")
  void singleFileAndMissingPath(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("pods.yaml"), pod("web"));
    assertThat(names(parser.parseTree(file))).containsExactly("Pod:web");
    assertThatThrownBy(() -> parser.parseTree(dir.resolve("nope")))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("no such file or directory");
  }

  @Test
  @DisplayName(
      "Merging parsed inputs keeps objects in order, joins warnings and adds up ignored kinds")
  void merge() {
    ParsedManifests a = new ParsedManifests(List.of(), List.of("w1"), Map.of("Secret", 1));
    ParsedManifests b =
        parser.parse(
            "b.yaml", pod("web") + "---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
    ParsedManifests merged = a.merge(b);
    assertThat(names(merged)).containsExactly("Pod:web");
    assertThat(merged.warnings()).containsExactly("w1");
    assertThat(merged.ignoredKinds()).containsEntry("Secret", 2);
  }
}
