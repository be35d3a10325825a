package io.hopscope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * What {@link HopscopeAppTest} gives each test class's application: a fresh data directory (deleted
 * when the test JVM exits) and the default demo cluster as the source. Placed just below the test's
 * own properties, so {@code properties}, {@code @DynamicPropertySource} and
 * {@code @TestPropertySource} override it, while it overrides application.yml.
 */
final class AppTestDefaults implements ContextCustomizer {

  static final String NAME = "Hopscope application test defaults";

  private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> CREATED.forEach(AppTestDefaults::delete)));
  }

  /** Registered by {@link HopscopeAppTest}. */
  static final class Factory implements ContextCustomizerFactory {
    @Override
    public ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
      return new AppTestDefaults(testClass);
    }
  }

  private final Class<?> testClass;

  private AppTestDefaults(Class<?> testClass) {
    this.testClass = testClass;
  }

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("hopscope-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CREATED.add(dataDir);
    MapPropertySource defaults =
        new MapPropertySource(
            NAME,
            Map.of(
                "hopscope.data-dir", dataDir.toString(),
                "hopscope.source", "demo",
                "hopscope.demo.scenario", "flannel-vxlan"));
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    String inlined = TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME;
    if (sources.contains(inlined)) {
      sources.addAfter(inlined, defaults);
    } else {
      sources.addFirst(defaults);
    }
  }

  // Part of the context cache key: one application (and data directory) per test class, so no
  // test sees the snapshots another class stored.
  @Override
  public boolean equals(Object other) {
    return other instanceof AppTestDefaults d && d.testClass == testClass;
  }

  @Override
  public int hashCode() {
    return testClass.hashCode();
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit; the directory is under the system temp dir
    }
  }
}
