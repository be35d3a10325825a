package io.hopscope.source.manifests;

import java.util.Map;

/**
 * Drops bulky fields Hopscope never reads before the objects are built, and marks owner references
 * without a kind (Fabric8 would otherwise fill in its own class name).
 */
final class ObjectTrimming {

  private ObjectTrimming() {}

  @SuppressWarnings("unchecked")
  static void trim(Map<String, Object> object) {
    if (object.get("metadata") instanceof Map<?, ?> metadata) {
      metadata.remove("managedFields");
      if (metadata.get("ownerReferences") instanceof java.util.List<?> refs) {
        for (Object ref : refs) {
          if (ref instanceof Map<?, ?> owner && !owner.containsKey("kind")) {
            ((Map<String, Object>) owner).put("kind", "");
          }
        }
      }
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
