package io.hopscope.source.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Objects of the right kind with the wrong shape inside (the three inputs a fuzz run found to end
 * in a NullPointerException, and wrong types): refused with the document, the object and the field.
 */
class MalformedObjectsTest {

  private final ManifestParser parser = new ManifestParser();
  private final ManifestsLoader loader = new ManifestsLoader();

  private ManifestException failure(String content) {
    return catchThrowableOfType(
        ManifestException.class,
        () -> loader.assemble(parser.parse("upload.yaml", content), "import", "upload.yaml"));
  }

  private static final String NAMESPACE =
      """
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop}
      ---
      """;

  @Test
  @DisplayName("A null container is refused at its line, naming the pod and the field")
  void nullContainer() {
    ManifestException e =
        failure(
            NAMESPACE
                + """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: shop}
                spec:
                  containers:
                  - null
                """);
    assertThat(e.origin()).isEqualTo("upload.yaml");
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.problem())
        .isEqualTo(
            "document 2, Pod shop/web: spec.containers[0] is null; a list item must have a value");
  }

  @Test
  @DisplayName("A null command argument is refused, naming the field")
  void nullCommandArgument() {
    ManifestException e =
        failure(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: kube-apiserver-cp, namespace: kube-system}
            spec:
              containers:
              - name: kube-apiserver
                command: [kube-apiserver, null, --service-cluster-ip-range=10.96.0.0/12]
            """);
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.problem())
        .startsWith(
            "document 1, Pod kube-system/kube-apiserver-cp: spec.containers[0].command[1] is null");
  }

  @Test
  @DisplayName("A null label value is refused, naming the namespace and the label")
  void nullLabelValue() {
    ManifestException e =
        failure(
            """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                team: null
            """);
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.problem())
        .isEqualTo(
            "document 1, Namespace shop: metadata.labels.team is null; labels values are strings");
  }

  @Test
  @DisplayName("A null in a Service's plain selector is refused; in a label selector it is absent")
  void nullSelectorValue() {
    ManifestException e =
        failure(
            """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              selector: {app: null}
              ports: [{port: 80}]
            """);
    assertThat(e.problem()).contains("Service shop/web: spec.selector.app is null");
    assertThat(
            parser
                .parse(
                    "ok.yaml",
                    """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: deny, namespace: shop}
                    spec:
                      podSelector: {matchLabels: null}
                    """)
                .objects())
        .hasSize(1);
  }

  @Test
  @DisplayName("A wrong type names the field Fabric8 could not read, at its line")
  void wrongType() {
    ManifestException e =
        failure(
            """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: web, namespace: shop}
              spec:
                containers:
                - name: app
                  ports: oops
            """);
    assertThat(e.problem())
        .startsWith("document 1 item 0, Pod shop/web: spec.containers[0].ports is not valid: ");
    assertThat(e.line()).isEqualTo(10);
  }

  @Test
  @DisplayName("A pod IP that is not an address is refused, naming the pod and the field")
  void podIpNotAnAddress() {
    ManifestException e =
        failure(
            """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers: [{name: app}]
            status:
              podIP: 9223372036854775807
            """);
    assertThat(e.origin()).isEqualTo("upload.yaml");
    assertThat(e.problem())
        .isEqualTo("Pod shop/web: status.podIP '9223372036854775807' is not an IP address");
  }
}
