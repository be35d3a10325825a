package io.hopscope.source.demo;

import io.hopscope.source.manifests.ManifestException;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bundled demo clusters: folders of manifests under {@code classpath:demo/<scenario>/},
 * read through the same parser and assembler as user manifests (also from inside the jar).
 */
public final class DemoScenarios {

  /** The scenarios, the default first. */
  public static final List<String> NAMES = List.of(
      "flannel-vxlan", "flannel-host-gw", "calico-bgp", "calico-ipip", "cilium-ebpf", "weave");
  public static final String DEFAULT = "flannel-vxlan";

  private final PathMatchingResourcePatternResolver resolver;
  private final ManifestsLoader loader;
  private final ManifestParser parser = new ManifestParser();

  public DemoScenarios(ClassLoader classLoader, ManifestsLoader loader) {
    this.resolver = new PathMatchingResourcePatternResolver(classLoader);
    this.loader = loader;
  }

  public DemoScenarios() {
    this(DemoScenarios.class.getClassLoader(), new ManifestsLoader());
  }

  /**
   * Loads a scenario.
   *
   * @throws IllegalArgumentException when the scenario does not exist (the message lists the valid names)
   */
  public ClusterState load(String scenario) {
    String name = scenario == null ? "" : scenario.trim().toLowerCase(Locale.ROOT);
    List<Resource> files = files(name);
    if (files.isEmpty() && available().isEmpty()) {
      // A build without the bundled data (e.g. a module test): an empty cluster that says so.
      ParsedManifests none = new ParsedManifests(List.of(), List.of("no demo clusters are bundled in this build"), java.util.Map.of());
      return loader.assemble(none, "demo", name);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("unknown demo scenario '" + scenario + "'; valid names: " + String.join(", ", available()));
    }
    ParsedManifests parsed = ParsedManifests.empty();
    for (Resource file : files) {
      String origin = "demo/" + name + "/" + relativePath(file, name);
      parsed = parsed.merge(parser.parse(origin, read(file, origin)));
    }
    return loader.assemble(parsed, "demo", name);
  }

  /** The scenarios present on the classpath: those of {@link #NAMES} in that order, then others by name. */
  public List<String> available() {
    java.util.Set<String> found = new java.util.TreeSet<>();
    try {
      for (Resource r : resolver.getResources("classpath*:demo/*/**/*")) {
        String url = r.getURL().toString();
        int at = url.lastIndexOf("/demo/");
        String rest = at < 0 ? "" : url.substring(at + "/demo/".length());
        int slash = rest.indexOf('/');
        if (slash > 0 && r.getFilename() != null && isManifest(r.getFilename())) {
          found.add(rest.substring(0, slash));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list demo scenarios: " + e.getMessage(), e);
    }
    List<String> ordered = new java.util.ArrayList<>(NAMES.stream().filter(found::contains).toList());
    found.stream().filter(n -> !NAMES.contains(n)).forEach(ordered::add);
    return ordered;
  }

  private List<Resource> files(String name) {
    if (!name.matches("[a-z0-9][-a-z0-9]*")) {
      return List.of();
    }
    try {
      Resource[] resources = resolver.getResources("classpath*:demo/" + name + "/**/*");
      return java.util.Arrays.stream(resources)
          .filter(Resource::isReadable)
          .filter(r -> r.getFilename() != null && isManifest(r.getFilename()))
          .sorted(Comparator.comparing(r -> relativePath(r, name)))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot list demo scenario " + name + ": " + e.getMessage(), e);
    }
  }

  private static boolean isManifest(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private static String relativePath(Resource resource, String name) {
    try {
      String url = resource.getURL().toString();
      String marker = "demo/" + name + "/";
      int at = url.lastIndexOf(marker);
      return at < 0 ? resource.getFilename() : url.substring(at + marker.length());
    } catch (IOException e) {
      return resource.getFilename();
    }
  }

  private static String read(Resource resource, String origin) {
    try (InputStream in = resource.getInputStream()) {
      byte[] bytes = in.readNBytes((int) ManifestParser.MAX_FILE_BYTES + 1);
      if (bytes.length > ManifestParser.MAX_FILE_BYTES) {
        throw new ManifestException(origin, 0, 0, "file is larger than " + ManifestParser.MAX_FILE_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(origin, 0, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
