package io.hopscope.source.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a set of manifests contained: the objects Hopscope uses, warnings about documents that were
 * skipped, and counts of the kinds it ignored.
 */
public record ParsedManifests(
    List<HasMetadata> objects, List<String> warnings, Map<String, Integer> ignoredKinds) {

  public ParsedManifests {
    objects = List.copyOf(objects);
    warnings = List.copyOf(warnings);
    ignoredKinds = Map.copyOf(ignoredKinds);
  }

  public static ParsedManifests empty() {
    return new ParsedManifests(List.of(), List.of(), Map.of());
  }

  /** Both inputs together, this one first. */
  public ParsedManifests merge(ParsedManifests other) {
    List<HasMetadata> allObjects = new ArrayList<>(objects);
    allObjects.addAll(other.objects);
    List<String> allWarnings = new ArrayList<>(warnings);
    allWarnings.addAll(other.warnings);
    Map<String, Integer> kinds = new TreeMap<>(ignoredKinds);
    other.ignoredKinds.forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
    return new ParsedManifests(allObjects, allWarnings, kinds);
  }
}
