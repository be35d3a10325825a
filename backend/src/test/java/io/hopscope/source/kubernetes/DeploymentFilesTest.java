package io.hopscope.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The files that run Hopscope elsewhere (k8s/, docker-compose.yml, backend/Dockerfile), checked
 * statically.
 */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..");
  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");
  private static final Set<String> NEVER =
      Set.of(
          "secrets",
          "pods/exec",
          "pods/log",
          "nodes/proxy",
          "pods/attach",
          "pods/portforward",
          "services/proxy",
          "*");

  private static List<Map<String, Object>> k8s;

  @BeforeAll
  static void parseManifests() throws IOException {
    k8s = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("k8s"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : yaml().loadAll(Files.readString(file))) {
          if (document != null) {
            k8s.add(map(document));
          }
        }
      }
    }
  }

  @Test
  @DisplayName(
      "the ClusterRole grants only get/list/watch, never secrets, exec, logs, node proxy or wildcards")
  void clusterRoleIsReadOnly() {
    for (Map<String, Object> rule : rules()) {
      assertThat(strings(rule.get("verbs"))).as("verbs of %s", rule).isSubsetOf(READ_VERBS);
      assertThat(strings(rule.get("resources")))
          .as("resources of %s", rule)
          .doesNotContainAnyElementsOf(NEVER);
      assertThat(strings(rule.get("apiGroups"))).as("apiGroups of %s", rule).doesNotContain("*");
      assertThat(rule).doesNotContainKey("nonResourceURLs");
    }
    assertThat(all("Role")).as("no namespaced Role with other rights").isEmpty();
  }

  @Test
  @DisplayName("the ClusterRole covers every resource the live source lists and watches")
  void clusterRoleCoversWatchedResources() {
    for (WatchedResource watched : WatchedResource.all(List.of("kube-system"))) {
      String[] parts = watched.resource().split("\\.", 2);
      String group = parts.length == 2 ? parts[1] : "";
      assertThat(rules())
          .as("a rule for %s", watched)
          .anySatisfy(
              rule -> {
                assertThat(strings(rule.get("apiGroups"))).contains(group);
                assertThat(strings(rule.get("resources"))).contains(parts[0]);
                assertThat(strings(rule.get("verbs"))).contains("list", "watch");
              });
    }
  }

  @Test
  @DisplayName("the binding, service account, Deployment and Service fit together")
  void objectsFitTogether() {
    Map<String, Object> binding = one("ClusterRoleBinding");
    Map<String, Object> role = one("ClusterRole");
    Map<String, Object> account = one("ServiceAccount");
    Map<String, Object> deployment = one("Deployment");
    Map<String, Object> service = one("Service");
    String namespace = name(one("Namespace"));

    assertThat(map(binding.get("roleRef")).get("name")).isEqualTo(name(role));
    Map<String, Object> subject = map(list(binding.get("subjects")).get(0));
    assertThat(subject)
        .containsEntry("kind", "ServiceAccount")
        .containsEntry("name", name(account))
        .containsEntry("namespace", namespace);
    assertThat(map(account.get("metadata")).get("namespace")).isEqualTo(namespace);

    Map<String, Object> podSpec = map(map(map(deployment.get("spec")).get("template")).get("spec"));
    assertThat(podSpec.get("serviceAccountName")).isEqualTo(name(account));
    Map<String, Object> container = map(list(podSpec.get("containers")).get(0));
    Map<String, Object> security = map(container.get("securityContext"));
    assertThat(security)
        .containsEntry("allowPrivilegeEscalation", false)
        .containsEntry("readOnlyRootFilesystem", true);
    assertThat(map(podSpec.get("securityContext"))).containsEntry("runAsNonRoot", true);
    assertThat(map(map(container.get("livenessProbe")).get("httpGet")).get("path"))
        .as(
            "liveness must not follow the cluster source (an API outage is not a reason to restart)")
        .isEqualTo("/actuator/health/liveness");

    Map<String, Object> podLabels =
        map(map(map(map(deployment.get("spec")).get("template")).get("metadata")).get("labels"));
    assertThat(podLabels).containsAllEntriesOf(map(map(service.get("spec")).get("selector")));
    String targetPort =
        String.valueOf(map(list(map(service.get("spec")).get("ports")).get(0)).get("targetPort"));
    assertThat(list(container.get("ports")).stream().map(DeploymentFilesTest::map))
        .anyMatch(
            p ->
                targetPort.equals(p.get("name"))
                    || targetPort.equals(String.valueOf(p.get("containerPort"))));
  }

  @Test
  @DisplayName(
      "docker-compose builds backend/Dockerfile, mounts the kubeconfig read-only and keeps data in a volume")
  void composeFile() throws IOException {
    Map<String, Object> compose =
        map(yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))));
    Map<String, Object> hopscope = map(map(compose.get("services")).get("hopscope"));
    Map<String, Object> build = map(hopscope.get("build"));
    assertThat(
            ROOT.resolve(String.valueOf(build.get("context")))
                .resolve(String.valueOf(build.get("dockerfile"))))
        .exists();
    List<String> volumes = strings(hopscope.get("volumes"));
    assertThat(volumes).anyMatch(v -> v.endsWith(":/kube/config:ro"));
    assertThat(volumes).anyMatch(v -> v.startsWith("hopscope-data:"));
    assertThat(map(compose.get("volumes"))).containsKey("hopscope-data");
    assertThat(map(hopscope.get("environment"))).containsEntry("KUBECONFIG", "/kube/config");
    assertThat(strings(hopscope.get("ports"))).anyMatch(p -> p.endsWith(":8080"));
  }

  @Test
  @DisplayName("the Dockerfile builds the backend jar, runs it as a non-root user and exposes 8080")
  void dockerfile() throws IOException {
    List<String> lines =
        Files.readAllLines(ROOT.resolve("backend/Dockerfile")).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).hasSize(2);
    assertThat(lines)
        .anyMatch(l -> l.startsWith("RUN mvn ") && l.contains("-pl backend -am package"));
    assertThat(lines).anyMatch(l -> l.contains("/src/backend/target/hopscope.jar"));
    assertThat(Files.readString(ROOT.resolve("backend/pom.xml")))
        .contains("<finalName>hopscope</finalName>");
    assertThat(lines)
        .filteredOn(l -> l.startsWith("USER "))
        .singleElement()
        .satisfies(user -> assertThat(user).doesNotContain("root").isNotEqualTo("USER 0"));
    assertThat(lines).contains("EXPOSE 8080");
    assertThat(lines.get(lines.size() - 1)).startsWith("ENTRYPOINT [\"java\"");
  }

  private static List<Map<String, Object>> rules() {
    return list(one("ClusterRole").get("rules")).stream().map(DeploymentFilesTest::map).toList();
  }

  private static Map<String, Object> one(String kind) {
    List<Map<String, Object>> found = all(kind);
    assertThat(found).as("one %s in k8s/", kind).hasSize(1);
    return found.get(0);
  }

  private static List<Map<String, Object>> all(String kind) {
    return k8s.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  private static String name(Map<String, Object> object) {
    return String.valueOf(map(object.get("metadata")).get("name"));
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  private static List<String> strings(Object value) {
    return value == null ? List.of() : list(value).stream().map(String::valueOf).toList();
  }
}
