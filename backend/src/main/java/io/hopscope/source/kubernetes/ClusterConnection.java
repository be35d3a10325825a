package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.net.URI;

/**
 * Where the live source connects: a kubeconfig context or the in-cluster service account.
 *
 * @param config the Fabric8 client configuration
 * @param cluster the cluster name from the kubeconfig, or the API server host
 * @param context the kubeconfig context, or empty in-cluster
 * @param server the API server URL
 */
record ClusterConnection(Config config, String cluster, String context, String server) {

  /**
   * Resolves the connection: an explicit kubeconfig file when configured, else Fabric8's usual
   * order ({@code KUBECONFIG}, {@code ~/.kube/config}, then the in-cluster service account).
   */
  static ClusterConnection resolve(KubernetesProperties properties) {
    Config config =
        properties.kubeconfig() != null
            ? Config.fromKubeconfig(properties.context(), properties.kubeconfig().toFile())
            : Config.autoConfigure(properties.context());
    int retryMillis = (int) properties.retryInterval().toMillis();
    config.setWatchReconnectInterval(retryMillis);
    config.setWatchReconnectLimit(-1);
    // The informers retry with their own backoff; retrying each request as well would hide an
    // outage behind minutes of silent attempts.
    config.setRequestRetryBackoffLimit(0);
    config.setConnectionTimeout(Math.max(1000, Math.min(5000, retryMillis * 5)));
    NamedContext current = config.getCurrentContext();
    String context = current == null ? "" : current.getName();
    String cluster =
        current != null && current.getContext() != null && current.getContext().getCluster() != null
            ? current.getContext().getCluster()
            : hostOf(config.getMasterUrl());
    return new ClusterConnection(config, cluster, context, config.getMasterUrl());
  }

  /** What the dashboard shows as the source name. */
  String displayName() {
    return cluster.equals(hostOf(server)) ? server : cluster + " (" + server + ")";
  }

  private static String hostOf(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
