package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The input objects sorted by kind and then by namespace/name, so everything built from them is
 * deterministic.
 */
record InputObjects(
    List<Namespace> namespaces,
    List<Node> nodes,
    List<Pod> pods,
    List<HasMetadata> workloads,
    List<Service> services,
    List<EndpointSlice> endpointSlices,
    List<NetworkPolicy> policies,
    List<ConfigMap> configMaps,
    List<GenericKubernetesResource> calicoResources) {

  static final String DEFAULT_NAMESPACE = "default";

  /**
   * Sorts the objects by kind. An object that appears more than once (the same kind, namespace and
   * name, e.g. in two overlapping dumps) counts once: the last copy wins, with a warning.
   */
  static InputObjects of(Collection<? extends HasMetadata> objects, List<String> warnings) {
    Map<Identity, HasMetadata> unique = new LinkedHashMap<>(objects.size() * 4 / 3 + 16);
    Map<String, Integer> copies = new TreeMap<>();
    for (HasMetadata object : objects) {
      if (object.getMetadata() == null || object.getMetadata().getName() == null) {
        continue;
      }
      Identity key = new Identity(kindOf(object), namespaceOf(object), nameOf(object));
      if (unique.put(key, object) != null) {
        copies.merge(key.toString(), 2, (a, b) -> a + 1);
      }
    }
    copies.forEach(
        (key, count) ->
            warnings.add(key + " appears " + count + " times in the input; the last one is used"));
    return sortByKind(unique.values());
  }

  /** What makes two input objects the same object: kind, namespace and name. */
  private record Identity(String kind, String namespace, String name) {
    @Override
    public String toString() {
      return kind + " " + namespace + "/" + name;
    }
  }

  /** The model class, or for resources kept generically (Calico's) their kind. */
  private static String kindOf(HasMetadata object) {
    return object instanceof GenericKubernetesResource generic
        ? String.valueOf(generic.getKind())
        : object.getClass().getSimpleName();
  }

  private static InputObjects sortByKind(Collection<HasMetadata> objects) {
    List<Namespace> namespaces = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<HasMetadata> workloads = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<EndpointSlice> slices = new ArrayList<>();
    List<NetworkPolicy> policies = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    List<GenericKubernetesResource> calico = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof Namespace ns) {
        namespaces.add(ns);
      } else if (object instanceof Node node) {
        nodes.add(node);
      } else if (object instanceof Pod pod) {
        pods.add(pod);
      } else if (object instanceof Service service) {
        services.add(service);
      } else if (object instanceof EndpointSlice slice) {
        slices.add(slice);
      } else if (object instanceof NetworkPolicy policy) {
        policies.add(policy);
      } else if (object instanceof ConfigMap configMap) {
        configMaps.add(configMap);
      } else if (object instanceof GenericKubernetesResource resource) {
        calico.add(resource);
      } else if (Workloads.isWorkload(object)) {
        workloads.add(object);
      }
    }
    return new InputObjects(
        sorted(namespaces),
        sorted(nodes),
        sorted(pods),
        sorted(workloads),
        sorted(services),
        sorted(slices),
        sorted(policies),
        sorted(configMaps),
        sorted(calico));
  }

  /** The object's namespace, {@code default} when missing. */
  static String namespaceOf(HasMetadata object) {
    String ns = object.getMetadata().getNamespace();
    return ns == null || ns.isBlank() ? DEFAULT_NAMESPACE : ns;
  }

  static String nameOf(HasMetadata object) {
    return object.getMetadata().getName();
  }

  Optional<ConfigMap> configMap(String name) {
    return configMaps.stream().filter(c -> nameOf(c).equals(name)).findFirst();
  }

  /** Calico resources of one kind (Installation, IPPool, FelixConfiguration, BlockAffinity). */
  List<GenericKubernetesResource> calico(String kind) {
    return calicoResources.stream().filter(r -> kind.equals(r.getKind())).toList();
  }

  <T extends HasMetadata> Optional<T> workload(Class<T> type, String name) {
    return workloads.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(w -> nameOf(w).equals(name))
        .findFirst();
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> items) {
    items.sort(
        Comparator.comparing((T o) -> namespaceOf(o))
            .thenComparing(InputObjects::nameOf)
            .thenComparing(HasMetadata::getKind, Comparator.nullsFirst(Comparator.naturalOrder())));
    return List.copyOf(items);
  }
}
