package io.hopscope.source.demo;

import io.hopscope.source.manifests.ManifestException;
import io.hopscope.source.manifests.ManifestParser;
import io.hopscope.source.manifests.ManifestsLoader;
import io.hopscope.source.manifests.ParsedManifests;
import io.hopscope.topology.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The bundled demo clusters: folders of manifests under {@code classpath:demo/<scenario>/}, read
 * through the same parser and assembler as user manifests (also from inside the executable jar). A
 * scenario's {@code index.txt}, when present, lists its files in order; otherwise every .yaml, .yml
 * and .json file below the folder is read in path order.
 */
public final class DemoScenarios {

  /** The scenarios of DESIGN §3, the default first. */
  public static final List<String> NAMES =
      List.of(
          "flannel-vxlan", "flannel-host-gw", "calico-bgp", "calico-ipip", "cilium-ebpf", "weave");

  public static final String DEFAULT = "flannel-vxlan";

  private static final Pattern SCENARIO_NAME = Pattern.compile("[a-z0-9][-a-z0-9]*");

  private final PathMatchingResourcePatternResolver resolver;
  private final ManifestsLoader loader;
  private final ManifestParser parser = new ManifestParser();

  /** The classpath does not change while the application runs: scan it once. */
  private volatile List<String> available;

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
   * @throws IllegalArgumentException when the scenario does not exist (the message lists the valid
   *     names)
   * @throws ManifestException when a bundled file is broken
   */
  public ClusterState load(String scenario) {
    String name = scenario == null ? "" : scenario.trim().toLowerCase(Locale.ROOT);
    List<String> available = available();
    if (available.isEmpty()) {
      // A build without the bundled data (e.g. a module test): an empty cluster that says so.
      ParsedManifests none =
          new ParsedManifests(
              List.of(), List.of("no demo clusters are bundled in this build"), Map.of());
      return loader.assemble(none, "demo", name);
    }
    if (!available.contains(name)) {
      throw new IllegalArgumentException(
          "unknown demo scenario '" + scenario + "'; valid names: " + String.join(", ", available));
    }
    ParsedManifests parsed = ParsedManifests.empty();
    for (Resource file : files(name)) {
      String origin = "demo/" + name + "/" + relativePath(file, name);
      parsed = parsed.merge(parser.parse(origin, read(file, origin)));
    }
    return loader.assemble(parsed, "demo", name);
  }

  /**
   * The scenarios present on the classpath: those of {@link #NAMES} in that order, then others by
   * name.
   */
  public List<String> available() {
    List<String> known = available;
    if (known == null) {
      known = scan();
      available = known;
    }
    return known;
  }

  private List<String> scan() {
    Set<String> found = new TreeSet<>();
    for (Resource r : resources("classpath*:demo/*/**/*")) {
      String rest = pathAfter(r, "/demo/");
      int slash = rest.indexOf('/');
      if (slash > 0 && isManifest(rest)) {
        found.add(rest.substring(0, slash));
      }
    }
    List<String> ordered = new ArrayList<>(NAMES.stream().filter(found::contains).toList());
    found.stream().filter(n -> !NAMES.contains(n)).forEach(ordered::add);
    return List.copyOf(ordered);
  }

  private List<Resource> files(String name) {
    if (!SCENARIO_NAME.matcher(name).matches()) {
      return List.of();
    }
    Resource index = resolver.getResource("classpath:demo/" + name + "/index.txt");
    if (index.exists()) {
      List<Resource> listed = new ArrayList<>();
      for (String line : read(index, "demo/" + name + "/index.txt").split("\n")) {
        String file = line.trim();
        if (!file.isEmpty() && !file.startsWith("#")) {
          listed.add(resolver.getResource("classpath:demo/" + name + "/" + file));
        }
      }
      return listed;
    }
    return Arrays.stream(resources("classpath*:demo/" + name + "/**/*"))
        .filter(r -> isManifest(pathAfter(r, "/demo/" + name + "/")))
        .sorted(Comparator.comparing(r -> relativePath(r, name)))
        .toList();
  }

  private Resource[] resources(String pattern) {
    try {
      return resolver.getResources(pattern);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
  }

  private static boolean isManifest(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private static String relativePath(Resource resource, String name) {
    String rest = pathAfter(resource, "/demo/" + name + "/");
    return rest.isEmpty() ? String.valueOf(resource.getFilename()) : rest;
  }

  /** The part of a resource's URL after the last {@code marker}, or empty. */
  private static String pathAfter(Resource resource, String marker) {
    try {
      String url = resource.getURL().toString();
      int at = url.lastIndexOf(marker);
      return at < 0 ? "" : url.substring(at + marker.length());
    } catch (IOException e) {
      return "";
    }
  }

  private static String read(Resource resource, String origin) {
    try (InputStream in = resource.getInputStream()) {
      byte[] bytes = in.readNBytes((int) ManifestParser.MAX_FILE_BYTES + 1);
      if (bytes.length > ManifestParser.MAX_FILE_BYTES) {
        throw new ManifestException(
            origin, 0, 0, "file is larger than " + ManifestParser.MAX_FILE_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ManifestException(origin, 0, 0, "cannot read: " + e.getMessage(), e);
    }
  }
}
