package io.hopscope.source;

import io.hopscope.source.demo.DemoScenarios;
import io.hopscope.source.demo.DemoSource;
import io.hopscope.source.manifests.ManifestException;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.source.manifests.ManifestsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the {@link ClusterSource} from {@code hopscope.source}: {@code demo}, {@code manifests},
 * {@code kubernetes}, or {@code auto} (a live cluster when credentials and the live source exist,
 * else the demo, saying why in the log and in {@link SourceStatus#messages()}).
 */
@Configuration(proxyBeanMethods = false)
class SourceConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SourceConfiguration.class);

  @Bean
  ClusterSource clusterSource(
      HopscopeProperties properties,
      ObjectProvider<LiveClusterSourceFactory> live,
      @org.springframework.beans.factory.annotation.Value("${hopscope.kubernetes.kubeconfig:}")
          String explicitKubeconfig) {
    String kind = properties.source().trim().toLowerCase(Locale.ROOT);
    ClusterSource source =
        switch (kind) {
          case "demo" -> demo(properties, List.of());
          case "manifests" -> manifests(properties);
          case "kubernetes" ->
              live.getIfAvailable(
                      () -> {
                        throw new IllegalStateException(
                            "hopscope.source=kubernetes, but the live Kubernetes source is not available in this build");
                      })
                  .create();
          case "auto" ->
              auto(
                  properties,
                  live,
                  ClusterCredentials.explicit(explicitKubeconfig)
                      .or(ClusterCredentials::fromEnvironment));
          default ->
              throw new IllegalStateException(
                  "hopscope.source='"
                      + properties.source()
                      + "' is not one of auto, demo, manifests, kubernetes");
        };
    SourceStatus status = source.status();
    log.info(
        "Cluster source: {} '{}'{}",
        status.kind(),
        status.name(),
        status.context().isEmpty() ? "" : " (context " + status.context() + ")");
    status.messages().forEach(m -> log.info("Cluster source: {}", m));
    source.current().source().warnings().forEach(w -> log.warn("Cluster source warning: {}", w));
    return source;
  }

  static ClusterSource auto(
      HopscopeProperties properties,
      ObjectProvider<LiveClusterSourceFactory> live,
      Optional<String> credentials) {
    if (credentials.isEmpty()) {
      return demo(
          properties,
          List.of(
              "No kubeconfig or in-cluster service account found: showing the demo cluster '"
                  + properties.demo().scenario()
                  + "'"));
    }
    LiveClusterSourceFactory factory = live.getIfAvailable();
    if (factory == null) {
      return demo(
          properties,
          List.of(
              credentials.get()
                  + " found but the live source is not available yet: showing the demo cluster '"
                  + properties.demo().scenario()
                  + "'"));
    }
    return factory.create();
  }

  private static ClusterSource demo(HopscopeProperties properties, List<String> messages) {
    try {
      return DemoSource.load(new DemoScenarios(), properties.demo().scenario(), messages);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("hopscope.demo.scenario: " + e.getMessage(), e);
    }
  }

  private static ClusterSource manifests(HopscopeProperties properties) {
    Path path = properties.manifests().path();
    if (path == null) {
      throw new IllegalStateException(
          "hopscope.source=manifests needs hopscope.manifests.path (a manifest file or a directory)");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "hopscope.manifests.path=" + path + " does not exist or cannot be read");
    }
    try {
      return ManifestsSource.load(new ManifestsLoader(), path);
    } catch (ManifestException e) {
      throw new IllegalStateException(
          "cannot load hopscope.manifests.path=" + path + ": " + e.getMessage(), e);
    }
  }
}
