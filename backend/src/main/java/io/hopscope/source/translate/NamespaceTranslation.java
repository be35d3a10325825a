package io.hopscope.source.translate;

import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Declared namespaces plus every namespace an object lives in; each carries the label {@code
 * kubernetes.io/metadata.name} that the API server adds.
 */
final class NamespaceTranslation {

  private NamespaceTranslation() {}

  static List<Namespace> namespaces(
      InputObjects input, List<Pod> pods, List<Service> services, List<NetworkPolicy> policies) {
    Map<String, Map<String, String>> labels = new TreeMap<>();
    for (var ns : input.namespaces()) {
      labels.put(
          ns.getMetadata().getName(),
          new TreeMap<>(PodTranslation.orEmpty(ns.getMetadata().getLabels())));
    }
    pods.forEach(p -> labels.computeIfAbsent(p.namespace(), k -> new TreeMap<>()));
    services.forEach(s -> labels.computeIfAbsent(s.namespace(), k -> new TreeMap<>()));
    policies.forEach(p -> labels.computeIfAbsent(p.namespace(), k -> new TreeMap<>()));
    input
        .configMaps()
        .forEach(c -> labels.computeIfAbsent(InputObjects.namespaceOf(c), k -> new TreeMap<>()));
    List<Namespace> result = new ArrayList<>();
    labels.forEach(
        (name, map) -> {
          map.putIfAbsent(Namespace.NAME_LABEL, name);
          result.add(new Namespace(name, map));
        });
    return result;
  }
}
