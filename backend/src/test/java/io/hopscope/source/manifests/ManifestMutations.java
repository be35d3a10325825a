package io.hopscope.source.manifests;

import io.hopscope.ClusterDirectories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mutated Kubernetes manifests for fuzz tests: real documents (the demo clusters, the CNI fixtures
 * and the real-world corpus next to the repository) with wrong types, nulls, huge and deeply nested
 * values, hostile label text, byte flips and truncation. Everything follows from the seed.
 */
public final class ManifestMutations {

  /** The kinds the parser keeps: only their mutations reach the translation. */
  private static final Set<String> USED_KINDS =
      Set.of(
          "Pod",
          "Namespace",
          "Node",
          "Service",
          "EndpointSlice",
          "NetworkPolicy",
          "ConfigMap",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "Job",
          "CronJob",
          "ReplicationController");

  private static final List<String> HOSTILE_TEXT =
      List.of(
          "",
          " ",
          "<script>alert(1)</script>",
          "a\u0000b",
          "line\nbreak",
          "\u202Eevil",
          "ключ",
          "🙂",
          "../../etc/passwd",
          "%00%2e%2e%ZZ",
          "${jndi:ldap://x/a}",
          "#lt;img src=x#gt;",
          "a]-->b[\"x\"]",
          "-",
          "0.0.0.0/0",
          "256.1.1.1",
          "::ffff:1.2.3.4",
          "10.0.0.1/33",
          "x".repeat(64),
          "kube-system",
          "TCP",
          "99999",
          "-1",
          "NaN");

  private final List<Map<String, Object>> documents;

  private ManifestMutations(List<Map<String, Object>> documents) {
    this.documents = documents;
  }

  /** The corpus: every document of a kind Hopscope reads, from every source there is. */
  public static ManifestMutations corpus() {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("src/main/resources/demo"));
    roots.add(Path.of("src/test/resources/fixtures"));
    roots.add(ClusterDirectories.realWorld());
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Path root : roots) {
      for (Path file : files(root)) {
        documents.addAll(read(file));
      }
    }
    return new ManifestMutations(documents);
  }

  public int size() {
    return documents.size();
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(ManifestParser::isManifestFile)
          .filter(f -> !f.toString().contains("manifests-bad"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.regex.Pattern DOCUMENT_START =
      java.util.regex.Pattern.compile("(?m)^---.*$");
  private static final java.util.regex.Pattern TOP_LEVEL_KIND =
      java.util.regex.Pattern.compile("(?m)^kind:\\s*\"?(\\w+)");

  /**
   * The documents of a file that are (or list) kinds Hopscope reads. The real-world manifests are
   * mostly CustomResourceDefinitions: their text is skipped before parsing, to keep the set-up
   * quick.
   */
  private static List<Map<String, Object>> read(Path file) {
    List<Map<String, Object>> result = new ArrayList<>();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (file.toString().endsWith(".json")) {
      if (text.contains("\"apiVersion\"")) {
        load(text, result);
      }
      return result;
    }
    for (String document : DOCUMENT_START.split(text)) {
      java.util.regex.Matcher kind = TOP_LEVEL_KIND.matcher(document);
      if (kind.find() && (USED_KINDS.contains(kind.group(1)) || kind.group(1).endsWith("List"))) {
        load(document, result);
      }
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void load(String text, List<Map<String, Object>> result) {
    try {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
        if (!(document instanceof Map<?, ?> map)) {
          continue;
        }
        if (map.get("items") instanceof List<?> items) {
          for (Object item : items) {
            if (item instanceof Map<?, ?> object && USED_KINDS.contains(object.get("kind"))) {
              result.add((Map<String, Object>) object);
            }
          }
        } else if (USED_KINDS.contains(map.get("kind"))) {
          result.add((Map<String, Object>) map);
        }
      }
    } catch (RuntimeException e) {
      // a corpus file that is not plain YAML (e.g. a Helm template) gives no documents
    }
  }

  /** One mutated input: its text and what was done to it (for the failure message). */
  public record Case(String text, String description) {}

  /** Case {@code number} of the run with {@code seed}: a few documents, one to three mutations. */
  public Case mutate(long seed, int number) {
    // neighbouring seeds of java.util.Random start alike: mix them first
    Random random = new Random(new SplittableRandom(seed).split().nextLong() ^ mix(number));
    int count = 1 + random.nextInt(6);
    List<Object> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(deepCopy(documents.get(random.nextInt(documents.size()))));
    }
    List<String> done = new ArrayList<>();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      int target = random.nextInt(picked.size());
      Object mutated = mutateTree(picked.get(target), random, done);
      picked.set(target, mutated);
    }
    String text = random.nextBoolean() ? yaml(picked) : json(picked);
    if (random.nextInt(4) == 0) {
      text = mutateText(text, random, done);
    }
    return new Case(text, String.join("; ", done));
  }

  private static long mix(long value) {
    long z = value * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String yaml(List<Object> documents) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    options.setSplitLines(false);
    return new Yaml(new Representer(options), options).dumpAll(documents.iterator());
  }

  private static String json(List<Object> documents) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", documents);
    return JsonMapper.builder().build().writeValueAsString(list);
  }

  /** A slot in the tree: a map entry or a list item. */
  private record Slot(Object parent, Object key, int depth) {}

  private static Object mutateTree(Object root, Random random, List<String> done) {
    List<Slot> slots = new ArrayList<>();
    collect(root, 0, slots);
    if (slots.isEmpty()) {
      done.add("root replaced by a string");
      return "not an object";
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    String where = slot.key() + "@" + slot.depth();
    switch (random.nextInt(8)) {
      case 0 -> {
        remove(slot);
        done.add("removed " + where);
      }
      case 1 -> {
        set(slot, null);
        done.add("null at " + where);
      }
      case 2 -> {
        Object wrong = wrongType(random);
        set(slot, wrong);
        done.add("wrong type at " + where + ": " + abbreviate(wrong));
      }
      case 3 -> {
        // mostly beyond any Kubernetes limit (63-character labels, 256 KiB annotations), now and
        // then past the 1 MiB a single JSON string may have
        int length = random.nextInt(100) == 0 ? 1_100_000 : 1_000 + random.nextInt(30_000);
        set(slot, "x".repeat(length));
        done.add("huge string at " + where);
      }
      case 4 -> {
        int depth = 1 + random.nextInt(140);
        set(slot, nested(depth, random.nextBoolean()));
        done.add("nested " + depth + " deep at " + where);
      }
      case 5 -> {
        String text = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
        set(slot, text);
        done.add("hostile text at " + where + ": " + abbreviate(text));
      }
      case 6 -> {
        Object value = get(slot);
        if (value instanceof List<?> list) {
          @SuppressWarnings("unchecked")
          List<Object> items = (List<Object>) list;
          items.add(random.nextInt(items.size() + 1), null);
          done.add("null item in " + where);
        } else if (value instanceof Map<?, ?> map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> entries = (Map<String, Object>) map;
          String key = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
          entries.put(key, random.nextBoolean() ? null : wrongType(random));
          done.add("extra entry '" + abbreviate(key) + "' in " + where);
        } else {
          set(slot, new ArrayList<>(List.of(value == null ? "null" : value)));
          done.add("value wrapped in a list at " + where);
        }
      }
      default -> {
        Object value = get(slot);
        Object number = random.nextBoolean() ? (Object) Long.MAX_VALUE : (Object) (-1);
        set(slot, value instanceof String ? number : String.valueOf(value));
        done.add("number/string swapped at " + where);
      }
    }
    return root;
  }

  private static Object wrongType(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> "x";
      case 1 -> 42;
      case 2 -> -7;
      case 3 -> 3.5;
      case 4 -> true;
      case 5 -> new ArrayList<>();
      case 6 -> new LinkedHashMap<>();
      case 7 -> new ArrayList<>(java.util.Collections.singletonList(null));
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", null);
        yield map;
      }
    };
  }

  private static Object nested(int depth, boolean lists) {
    Object value = "leaf";
    for (int i = 0; i < depth; i++) {
      if (lists) {
        value = new ArrayList<>(List.of(value));
      } else {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", value);
        value = map;
      }
    }
    return value;
  }

  private static String mutateText(String text, Random random, List<String> done) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0) {
      return text;
    }
    switch (random.nextInt(3)) {
      case 0 -> {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          int at = random.nextInt(bytes.length);
          bytes[at] = (byte) (bytes[at] ^ (1 << random.nextInt(8)));
        }
        done.add(flips + " byte flips");
      }
      case 1 -> {
        int length = random.nextInt(bytes.length);
        bytes = java.util.Arrays.copyOf(bytes, length);
        done.add("truncated to " + length + " bytes");
      }
      default -> {
        int at = random.nextInt(bytes.length);
        byte[] noise = new byte[1 + random.nextInt(32)];
        random.nextBytes(noise);
        byte[] longer = new byte[bytes.length + noise.length];
        System.arraycopy(bytes, 0, longer, 0, at);
        System.arraycopy(noise, 0, longer, at, noise.length);
        System.arraycopy(bytes, at, longer, at + noise.length, bytes.length - at);
        bytes = longer;
        done.add(noise.length + " random bytes inserted at " + at);
      }
    }
    // as the import decodes uploads (invalid UTF-8 is refused before parsing)
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void collect(Object node, int depth, List<Slot> slots) {
    if (node instanceof Map<?, ?> map) {
      for (Object key : map.keySet()) {
        slots.add(new Slot(map, key, depth));
        collect(map.get(key), depth + 1, slots);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        slots.add(new Slot(list, i, depth));
        collect(list.get(i), depth + 1, slots);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void set(Slot slot, Object value) {
    if (slot.parent() instanceof Map<?, ?> map) {
      ((Map<Object, Object>) map).put(slot.key(), value);
    } else {
      ((List<Object>) slot.parent()).set((Integer) slot.key(), value);
    }
  }

  private static Object get(Slot slot) {
    return slot.parent() instanceof Map<?, ?> map
        ? map.get(slot.key())
        : ((List<?>) slot.parent()).get((Integer) slot.key());
  }

  private static void remove(Slot slot) {
    if (slot.parent() instanceof Map<?, ?> map) {
      map.remove(slot.key());
    } else {
      ((List<?>) slot.parent()).remove((int) (Integer) slot.key());
    }
  }

  @SuppressWarnings("unchecked")
  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, deepCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    return value;
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
