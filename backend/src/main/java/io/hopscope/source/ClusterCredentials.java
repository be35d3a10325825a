package io.hopscope.source;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this process could talk to a cluster: an in-cluster service account or a kubeconfig file.
 */
final class ClusterCredentials {

  static final Path SERVICE_ACCOUNT_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private ClusterCredentials() {}

  static Optional<String> fromEnvironment() {
    return find(
        System.getenv(),
        SERVICE_ACCOUNT_TOKEN,
        Path.of(System.getProperty("user.home"), ".kube", "config"));
  }

  /** A kubeconfig named by {@code hopscope.kubernetes.kubeconfig}, when it is readable. */
  static Optional<String> explicit(String kubeconfig) {
    if (kubeconfig == null || kubeconfig.isBlank() || !Files.isReadable(Path.of(kubeconfig))) {
      return Optional.empty();
    }
    return Optional.of("kubeconfig " + kubeconfig);
  }

  /**
   * What was found, said for a person ("in-cluster service account", "kubeconfig /path"), or empty.
   */
  static Optional<String> find(Map<String, String> env, Path token, Path defaultKubeconfig) {
    if (env.get("KUBERNETES_SERVICE_HOST") != null && Files.isReadable(token)) {
      return Optional.of("in-cluster service account");
    }
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      for (String part : kubeconfig.split(File.pathSeparator)) {
        if (!part.isBlank() && Files.isReadable(Path.of(part))) {
          return Optional.of("kubeconfig " + part);
        }
      }
    }
    if (Files.isReadable(defaultKubeconfig)) {
      return Optional.of("kubeconfig " + defaultKubeconfig);
    }
    return Optional.empty();
  }
}
