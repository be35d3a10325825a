package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * One list-and-watch Hopscope keeps open: an object type, cluster-wide or in one namespace.
 *
 * @param type the Fabric8 model class
 * @param kind the lower-case kind used in change lines ("pod shop/web-1 added")
 * @param resource the RBAC resource name, {@code plural.group}
 *     ("networkpolicies.networking.k8s.io")
 * @param namespace the namespace, or null for cluster-wide
 */
record WatchedResource(
    Class<? extends HasMetadata> type, String kind, String resource, String namespace) {

  /**
   * Everything the model needs: the cluster-wide types, then CNI evidence in the system namespaces.
   */
  static List<WatchedResource> all(List<String> systemNamespaces) {
    List<WatchedResource> all =
        new ArrayList<>(
            List.of(
                new WatchedResource(Node.class, "node", "nodes", null),
                new WatchedResource(Namespace.class, "namespace", "namespaces", null),
                new WatchedResource(Pod.class, "pod", "pods", null),
                new WatchedResource(Service.class, "service", "services", null),
                new WatchedResource(
                    EndpointSlice.class, "endpointslice", "endpointslices.discovery.k8s.io", null),
                new WatchedResource(
                    NetworkPolicy.class,
                    "networkpolicy",
                    "networkpolicies.networking.k8s.io",
                    null)));
    for (String namespace : systemNamespaces) {
      all.add(new WatchedResource(DaemonSet.class, "daemonset", "daemonsets.apps", namespace));
      all.add(new WatchedResource(ConfigMap.class, "configmap", "configmaps", namespace));
    }
    return List.copyOf(all);
  }

  /** "cluster-wide" or "namespace kube-system", as RBAC grants it. */
  String scope() {
    return namespace == null ? "cluster-wide" : "namespace " + namespace;
  }

  /** The status line for a 403: which verb on which resource is missing, where. */
  String missingPermission() {
    return "missing permission: list " + resource + " (" + scope() + ")";
  }

  @Override
  public String toString() {
    return resource + (namespace == null ? "" : " in " + namespace);
  }
}
