package io.hopscope.source.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every kind of bad input fails with a clear message that names the file, line and column. */
class BadManifestsTest {

  private final ManifestParser parser = new ManifestParser();

  private ManifestException failure(String origin, String content) {
    return catchThrowableOfType(ManifestException.class, () -> parser.parse(origin, content));
  }

  @Test
  @DisplayName("A YAML syntax error names file, line and column")
  void syntaxError() {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: {app: web
        spec: {}
        """;
    ManifestException e = failure("broken.yaml", yaml);
    assertThat(e.origin()).isEqualTo("broken.yaml");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.column()).isPositive();
    assertThat(e.getMessage()).startsWith("broken.yaml:6:" + e.column() + ": YAML syntax error");
    assertThat(e.problem()).startsWith("YAML syntax error");
  }

  @Test
  @DisplayName("A tab used for indentation is a syntax error at its line")
  void tabIndentation() {
    ManifestException e =
        failure("tabs.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: web\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains("tabs.yaml:4:").contains("\\t");
  }

  @Test
  @DisplayName("A bad indentation is a syntax error at its line")
  void badIndentation() {
    ManifestException e =
        failure(
            "indent.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n    name: web\n  namespace: shop\n");
    assertThat(e.line()).isEqualTo(5);
  }

  @Test
  @DisplayName("Broken JSON names file, line and column")
  void brokenJson() {
    ManifestException e =
        failure(
            "pods.json",
            "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n  \"metadata\": {}\n}\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).startsWith("pods.json:4:");
  }

  @Test
  @DisplayName("The billion-laughs alias bomb is rejected while reading, before anything expands")
  void billionLaughs() {
    StringBuilder yaml =
        new StringBuilder(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      yaml.append("]\n");
    }
    assertThatThrownBy(() -> parser.parse("lol.yaml", yaml.toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("lol.yaml")
        .hasMessageContaining("aliases");
  }

  @Test
  @DisplayName(
      "An alias chain under the alias limit that would still expand exponentially is rejected")
  void doublingAliases() {
    StringBuilder yaml =
        new StringBuilder(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx0: &x0 [a, b]\n");
    for (int i = 1; i <= 24; i++) {
      yaml.append("x")
          .append(i)
          .append(": &x")
          .append(i)
          .append(" [*x")
          .append(i - 1)
          .append(", *x")
          .append(i - 1)
          .append("]\n");
    }
    assertThatThrownBy(() -> parser.parse("doubling.yaml", yaml.toString()))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("alias bomb");
  }

  @Test
  @DisplayName("Nesting deeper than the limit is rejected")
  void tooDeep() {
    String yaml = "a: " + "[".repeat(500) + "]".repeat(500) + "\n";
    assertThatThrownBy(() -> parser.parse("deep.yaml", yaml))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("deep.yaml")
        .hasMessageContaining("Nesting Depth");
  }

  @Test
  @DisplayName("Custom YAML tags are rejected: no arbitrary types are ever built")
  void customTags() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "evil.yaml",
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec: !!javax.script.ScriptEngineManager [x]\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("evil.yaml:4:")
        .hasMessageContaining("tag is not allowed");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "tag.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: !custom web}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("unsupported YAML tag !custom");
  }

  @Test
  @DisplayName("A pod named Bad_Name is rejected with a clear message at the name's line")
  void invalidPodName() {
    ManifestException e =
        failure("pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.getMessage())
        .isEqualTo(
            "pods.yaml:4:9: Pod name 'Bad_Name' is not a valid Kubernetes name: "
                + "use at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit");
  }

  @Test
  @DisplayName("Names with markup such as <img src=x> are rejected, for every kind Hopscope reads")
  void markupInNames() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "svc.yaml",
                    "apiVersion: v1\nkind: Service\nmetadata: {name: \"<img src=x onerror=alert(1)>\"}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining(
            "Service name '<img src=x onerror=alert(1)>' is not a valid Kubernetes name");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: \"a]-->b\"}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("Namespace name");
    assertThatThrownBy(
            () ->
                parser.parse(
                    "np.yaml",
                    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \"<b>x</b>\"}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("NetworkPolicy name");
  }

  @Test
  @DisplayName("An invalid namespace of an object is rejected, naming the object")
  void invalidNamespace() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "pod.yaml",
                    "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: Shop_1}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("pod.yaml:3:")
        .hasMessageContaining(
            "Pod web: namespace 'Shop_1' is not a valid Kubernetes namespace name");
  }

  @Test
  @DisplayName("Service names must be DNS labels: dots are not allowed")
  void serviceNameWithDots() {
    assertThatThrownBy(
            () ->
                parser.parse("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: a.b}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("at most 63");
  }

  @Test
  @DisplayName("An object without a name is rejected")
  void missingName() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {namespace: shop}\n"))
        .isInstanceOf(ManifestException.class)
        .hasMessageContaining("Pod has no metadata.name");
  }

  @Test
  @DisplayName("A field of the wrong type is rejected at the field's line, naming it")
  void wrongFieldType() {
    ManifestException e =
        failure(
            "pod.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: 42\n");
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("document 1, Pod web: spec.containers is not valid");
  }

  @Test
  @DisplayName("NetworkPolicy names with '_' (seen in real dumps) are kept with a warning")
  void lenientPolicyName() {
    ParsedManifests parsed =
        parser.parse(
            "np.yaml",
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow_web}\nspec: {podSelector: {}}\n");
    assertThat(parsed.objects()).hasSize(1);
    assertThat(parsed.warnings())
        .singleElement()
        .asString()
        .contains("np.yaml:3:")
        .contains("allow_web");
  }
}
