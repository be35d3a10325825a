package io.hopscope.source.demo;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One bundled demo cluster read the way the demo source finds it: {@code demo/scenarios.txt}, then
 * the scenario's {@code index.txt}, each listed file parsed with Fabric8's serialization.
 */
record DemoScenarioFiles(
    String name, Path directory, List<String> indexed, List<HasMetadata> objects) {

  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static List<String> scenarioNames() {
    return lines(resource("/demo/scenarios.txt"));
  }

  static DemoScenarioFiles load(String name) {
    String base = "/demo/" + name + "/";
    List<String> indexed = lines(resource(base + "index.txt"));
    List<HasMetadata> objects = new ArrayList<>();
    for (String file : indexed) {
      URL url =
          Objects.requireNonNull(
              DemoScenarioFiles.class.getResource(base + file), base + file + " is missing");
      objects.addAll(parse(url));
    }
    return new DemoScenarioFiles(
        name, directoryOf(resource(base + "index.txt")), indexed, List.copyOf(objects));
  }

  /** Every object of a file: a single document, several documents, or a {@code kind: List}. */
  static List<HasMetadata> parse(URL url) {
    try (InputStream in = url.openStream()) {
      List<HasMetadata> out = new ArrayList<>();
      flatten(SERIALIZATION.unmarshal(in), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<HasMetadata> parse(Path path) {
    try {
      return parse(path.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void flatten(Object parsed, List<HasMetadata> out) {
    if (parsed instanceof KubernetesList list) {
      out.addAll(list.getItems());
    } else if (parsed instanceof Collection<?> documents) {
      documents.forEach(d -> flatten(d, out));
    } else if (parsed instanceof HasMetadata object) {
      out.add(object);
    } else {
      throw new IllegalStateException("not a Kubernetes object: " + parsed);
    }
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<Pod> pods() {
    return all(Pod.class);
  }

  List<Node> nodes() {
    return all(Node.class);
  }

  List<Service> services() {
    return all(Service.class);
  }

  Optional<Node> node(String nodeName) {
    return nodes().stream().filter(n -> n.getMetadata().getName().equals(nodeName)).findFirst();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type, String namespace, String objectName) {
    return all(type).stream()
        .filter(o -> Objects.equals(o.getMetadata().getNamespace(), namespace))
        .filter(o -> o.getMetadata().getName().equals(objectName))
        .findFirst();
  }

  /** Finds a ConfigMap in any namespace, as CNI detection does. */
  Optional<ConfigMap> configMap(String objectName) {
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(objectName))
        .findFirst();
  }

  Optional<DaemonSet> daemonSet(String objectName) {
    return all(DaemonSet.class).stream()
        .filter(d -> d.getMetadata().getName().equals(objectName))
        .findFirst();
  }

  /** The literal value of an env variable of a DaemonSet's container, if it has one. */
  Optional<String> env(String daemonSet, String container, String variable) {
    return daemonSet(daemonSet).stream()
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
        .filter(c -> c.getName().equals(container))
        .flatMap(c -> c.getEnv() == null ? Stream.<EnvVar>empty() : c.getEnv().stream())
        .filter(e -> e.getName().equals(variable) && e.getValue() != null)
        .map(EnvVar::getValue)
        .findFirst();
  }

  static String internalIp(Node node) {
    return node.getStatus().getAddresses().stream()
        .filter(a -> a.getType().equals("InternalIP"))
        .map(a -> a.getAddress())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("node " + node.getMetadata().getName() + " has no InternalIP"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return SERIALIZATION.unmarshal(text, Map.class);
  }

  static URL resource(String path) {
    return Objects.requireNonNull(
        DemoScenarioFiles.class.getResource(path), path + " is not on the classpath");
  }

  static List<String> lines(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path directoryOf(URL fileUrl) {
    try {
      return Path.of(fileUrl.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  List<String> filesOnDisk() {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> !f.equals("index.txt"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
