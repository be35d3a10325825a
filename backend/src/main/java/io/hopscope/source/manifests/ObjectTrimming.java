package io.hopscope.source.manifests;

import java.util.Map;

/** Drops bulky fields Hopscope never reads before the objects are built. */
final class ObjectTrimming {

  private ObjectTrimming() {}

  static void trim(Map<String, Object> object) {
    if (object.get("metadata") instanceof Map<?, ?> metadata) {
      metadata.remove("managedFields");
      if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
      }
    }
    if ("Node".equals(object.get("kind")) && object.get("status") instanceof Map<?, ?> status) {
      status.remove("images");
      status.remove("volumesAttached");
      status.remove("volumesInUse");
      status.remove("config");
    }
  }
}
