package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * The workload kinds that stand for their pods, and how to reach their pod templates and owners.
 */
final class Workloads {

  private Workloads() {}

  static boolean isWorkload(HasMetadata object) {
    return object instanceof Deployment
        || object instanceof StatefulSet
        || object instanceof DaemonSet
        || object instanceof ReplicaSet
        || object instanceof Job
        || object instanceof CronJob
        || object instanceof ReplicationController;
  }

  /** The kind of an owner reference; {@code Pod} when the reference does not say. */
  static String ownerKind(OwnerReference ref) {
    return ref.getKind() == null || ref.getKind().isBlank() ? "Pod" : ref.getKind();
  }

  /** The kind name as Kubernetes writes it. */
  static String kind(HasMetadata workload) {
    return workload.getClass().getSimpleName();
  }

  static Optional<PodTemplateSpec> template(HasMetadata workload) {
    if (workload instanceof Deployment d && d.getSpec() != null) {
      return Optional.ofNullable(d.getSpec().getTemplate());
    }
    if (workload instanceof StatefulSet s && s.getSpec() != null) {
      return Optional.ofNullable(s.getSpec().getTemplate());
    }
    if (workload instanceof DaemonSet d && d.getSpec() != null) {
      return Optional.ofNullable(d.getSpec().getTemplate());
    }
    if (workload instanceof ReplicaSet r && r.getSpec() != null) {
      return Optional.ofNullable(r.getSpec().getTemplate());
    }
    if (workload instanceof Job j && j.getSpec() != null) {
      return Optional.ofNullable(j.getSpec().getTemplate());
    }
    if (workload instanceof CronJob c
        && c.getSpec() != null
        && c.getSpec().getJobTemplate() != null
        && c.getSpec().getJobTemplate().getSpec() != null) {
      return Optional.ofNullable(c.getSpec().getJobTemplate().getSpec().getTemplate());
    }
    if (workload instanceof ReplicationController r && r.getSpec() != null) {
      return Optional.ofNullable(r.getSpec().getTemplate());
    }
    return Optional.empty();
  }

  /**
   * The controller of an object: its ownerReference marked {@code controller: true}, or the only
   * ownerReference when none is marked (hand-written input). Node-owned static pods own themselves.
   * A reference without kind is read as kind {@code Pod}, as netpol-analyzer groups such pods.
   */
  static Optional<OwnerReference> controller(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    if (refs == null || refs.isEmpty()) {
      return Optional.empty();
    }
    Optional<OwnerReference> controller =
        refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    if (controller.isEmpty() && refs.size() == 1) {
      controller = Optional.of(refs.get(0));
    }
    return controller.filter(r -> r.getName() != null && !"Node".equals(r.getKind()));
  }
}
