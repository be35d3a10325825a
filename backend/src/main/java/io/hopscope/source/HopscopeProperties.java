package io.hopscope.source;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Core settings ({@code hopscope.*}). Feature packages own their own sub-trees (e.g. {@code
 * hopscope.snapshots}, {@code hopscope.kubernetes}).
 *
 * @param source auto, demo, manifests or kubernetes
 * @param dataDir where state lives (database, caches)
 * @param manifests the manifests source settings
 * @param demo the demo source settings
 */
@ConfigurationProperties("hopscope")
public record HopscopeProperties(String source, Path dataDir, Manifests manifests, Demo demo) {

  public HopscopeProperties {
    source = source == null || source.isBlank() ? "auto" : source;
    dataDir = dataDir == null ? Path.of(System.getProperty("user.home"), ".hopscope") : dataDir;
    manifests = manifests == null ? new Manifests(null) : manifests;
    demo = demo == null ? new Demo(null) : demo;
  }

  /**
   * @param path a manifest file or a directory read recursively
   */
  public record Manifests(Path path) {}

  /**
   * @param scenario which bundled cluster to show
   */
  public record Demo(String scenario) {
    public Demo {
      scenario = scenario == null || scenario.isBlank() ? "flannel-vxlan" : scenario;
    }
  }
}
