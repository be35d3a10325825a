package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Objects;

/** Whether an update matters to the model, and how a change is named in a {@code StateChange}. */
final class ObjectChanges {

  private ObjectChanges() {}

  /** "pod shop/web-1 added", "node worker-1 deleted". */
  static String describe(WatchedResource resource, HasMetadata object, String what) {
    ObjectMeta metadata = object.getMetadata();
    String name =
        metadata.getNamespace() == null || metadata.getNamespace().isEmpty()
            ? metadata.getName()
            : metadata.getNamespace() + "/" + metadata.getName();
    return resource.kind() + " " + name + " " + what;
  }

  /**
   * Compares two stripped objects on the fields the model reads. The API server bumps
   * resourceVersion on every status heartbeat; those updates must not rebuild the state.
   */
  static boolean sameContent(HasMetadata before, HasMetadata after) {
    if (!sameMetadata(before.getMetadata(), after.getMetadata())) {
      return false;
    }
    if (before instanceof Pod a && after instanceof Pod b) {
      return Objects.equals(a.getSpec(), b.getSpec())
          && Objects.equals(a.getStatus(), b.getStatus());
    }
    if (before instanceof Node a && after instanceof Node b) {
      return Objects.equals(a.getSpec(), b.getSpec())
          && Objects.equals(a.getStatus(), b.getStatus());
    }
    if (before instanceof Namespace && after instanceof Namespace) {
      return true;
    }
    if (before instanceof Service a && after instanceof Service b) {
      return Objects.equals(a.getSpec(), b.getSpec())
          && Objects.equals(a.getStatus(), b.getStatus());
    }
    if (before instanceof EndpointSlice a && after instanceof EndpointSlice b) {
      return Objects.equals(a.getAddressType(), b.getAddressType())
          && Objects.equals(a.getEndpoints(), b.getEndpoints())
          && Objects.equals(a.getPorts(), b.getPorts());
    }
    if (before instanceof NetworkPolicy a && after instanceof NetworkPolicy b) {
      return Objects.equals(a.getSpec(), b.getSpec());
    }
    if (before instanceof ConfigMap a && after instanceof ConfigMap b) {
      return Objects.equals(a.getData(), b.getData());
    }
    if (before instanceof DaemonSet a && after instanceof DaemonSet b) {
      return Objects.equals(a.getSpec(), b.getSpec());
    }
    return false;
  }

  private static boolean sameMetadata(ObjectMeta a, ObjectMeta b) {
    return Objects.equals(a.getUid(), b.getUid())
        && Objects.equals(a.getLabels(), b.getLabels())
        && Objects.equals(a.getAnnotations(), b.getAnnotations())
        && Objects.equals(a.getOwnerReferences(), b.getOwnerReferences())
        && Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp());
  }
}
