package io.hopscope.source.kubernetes;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the live source ({@code hopscope.kubernetes.*}).
 *
 * @param kubeconfig a kubeconfig file to use instead of {@code KUBECONFIG} / {@code ~/.kube/config}
 * @param context the kubeconfig context to use instead of the current one
 * @param systemNamespaces where the CNI and kube-proxy DaemonSets and ConfigMaps live
 * @param retryInterval first wait before reconnecting after an error; doubles up to 32 times this
 * @param coalesceWindow how long to gather a burst of events before building one new state
 */
@ConfigurationProperties("hopscope.kubernetes")
public record KubernetesProperties(
    Path kubeconfig,
    String context,
    List<String> systemNamespaces,
    Duration retryInterval,
    Duration coalesceWindow) {

  public KubernetesProperties {
    context = context == null || context.isBlank() ? null : context;
    systemNamespaces =
        systemNamespaces == null || systemNamespaces.isEmpty()
            ? List.of("kube-system", "kube-flannel", "calico-system")
            : List.copyOf(systemNamespaces);
    retryInterval = retryInterval == null ? Duration.ofSeconds(1) : retryInterval;
    coalesceWindow = coalesceWindow == null ? Duration.ofMillis(100) : coalesceWindow;
  }

  /** The defaults: current context of the usual kubeconfig, or the in-cluster service account. */
  public static KubernetesProperties defaults() {
    return new KubernetesProperties(null, null, null, null, null);
  }
}
