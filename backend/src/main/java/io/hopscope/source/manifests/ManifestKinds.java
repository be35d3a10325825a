package io.hopscope.source.manifests;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Map;
import java.util.Set;

/**
 * The kinds Hopscope reads, each mapped to one Fabric8 model class whatever the apiVersion (old
 * dumps say {@code extensions/v1beta1} for DaemonSets and ReplicaSets; the fields we read did not
 * change).
 */
final class ManifestKinds {

  private static final Map<String, Class<? extends HasMetadata>> CLASSES =
      Map.ofEntries(
          Map.entry("Pod", Pod.class),
          Map.entry("Namespace", Namespace.class),
          Map.entry("Node", Node.class),
          Map.entry("Service", Service.class),
          Map.entry("EndpointSlice", EndpointSlice.class),
          Map.entry("NetworkPolicy", NetworkPolicy.class),
          Map.entry("ConfigMap", ConfigMap.class),
          Map.entry("Deployment", Deployment.class),
          Map.entry("StatefulSet", StatefulSet.class),
          Map.entry("DaemonSet", DaemonSet.class),
          Map.entry("ReplicaSet", ReplicaSet.class),
          Map.entry("Job", Job.class),
          Map.entry("CronJob", CronJob.class),
          Map.entry("ReplicationController", ReplicationController.class));

  /**
   * Calico's own resources that say how its network is built (docs/manifests.md, CNI detection), by
   * API group and kind; other groups' kinds of the same name (e.g. another project's IPPool) are
   * ignored. All are cluster-scoped.
   */
  private static final Map<String, Set<String>> CALICO_KINDS =
      Map.of(
          "operator.tigera.io", Set.of("Installation"),
          "crd.projectcalico.org", Set.of("IPPool", "FelixConfiguration", "BlockAffinity"),
          "projectcalico.org", Set.of("IPPool", "FelixConfiguration", "BlockAffinity"));

  private ManifestKinds() {}

  /** The model class of a kind Hopscope uses, or null for kinds it ignores. */
  static Class<? extends HasMetadata> modelClass(String apiVersion, String kind) {
    Class<? extends HasMetadata> type = CLASSES.get(kind);
    if (type != null) {
      return type;
    }
    return isCalicoKind(apiVersion, kind) ? GenericKubernetesResource.class : null;
  }

  private static boolean isCalicoKind(String apiVersion, String kind) {
    if (apiVersion == null) {
      return false;
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    return CALICO_KINDS.getOrDefault(group, Set.of()).contains(kind);
  }

  /** Namespaces and Services must be DNS-1123 labels; everything else a DNS-1123 subdomain. */
  static boolean nameIsLabel(String kind) {
    return kind.equals("Namespace") || kind.equals("Service");
  }

  static boolean isClusterScoped(String kind) {
    return kind.equals("Namespace")
        || kind.equals("Node")
        || CALICO_KINDS.values().stream().anyMatch(kinds -> kinds.contains(kind));
  }
}
