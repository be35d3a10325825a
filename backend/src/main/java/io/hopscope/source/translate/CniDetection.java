package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Detects the CNI plugin and its mode from the objects in the input, as docs/manifests.md (CNI
 * detection) says: Flannel's {@code kube-flannel-cfg}, Canal's {@code canal-config}, Calico's
 * resources or {@code calico-node} env, Cilium's {@code cilium-config}, Weave's {@code weave-net}
 * env. The first plugin found wins, in that order.
 */
final class CniDetection {

  private CniDetection() {}

  static void detect(InputObjects input, ProfileFacts facts) {
    if (FlannelDetection.detect(input, facts)
        || CanalDetection.detect(input, facts)
        || CalicoDetection.detect(input, facts)
        || CiliumDetection.detect(input, facts)
        || WeaveDetection.detect(input, facts)) {
      return;
    }
    facts.fact(
        "no CNI configuration found (kube-flannel-cfg, canal-config, calico-node, Calico"
            + " Installation or IPPool, cilium-config, weave-net): plugin unknown");
  }

  static boolean encapsulates(String value) {
    return value.equalsIgnoreCase("Always") || value.equalsIgnoreCase("CrossSubnet");
  }

  static String orNone(String value) {
    return value.isEmpty() ? "(unset)" : value;
  }

  static boolean cidr(Map<String, String> values, String key, String where, ProfileFacts facts) {
    String cidr = values.get(key);
    if (cidr == null || cidr.isBlank()) {
      return false;
    }
    for (String part : cidr.split("[,\\s]+")) {
      if (!part.isBlank()) {
        facts.podCidrs.add(part.trim());
      }
    }
    facts.fact(where + ": " + key + "=" + cidr.trim());
    return true;
  }

  static void mtu(String value, String what, ProfileFacts facts) {
    if (value == null || value.isBlank()) {
      return;
    }
    try {
      int mtu = Integer.parseInt(value.trim());
      if (mtu >= 576 && mtu <= 65535) {
        facts.mtu = mtu;
        facts.fact(what + "=" + mtu);
      }
    } catch (NumberFormatException e) {
      facts.fact(what + "=" + value + " is not a number; default MTU used");
    }
  }

  static Map<String, String> data(ConfigMap configMap) {
    return PodTranslation.orEmpty(configMap.getData());
  }

  static String ref(HasMetadata object) {
    return InputObjects.namespaceOf(object) + "/" + InputObjects.nameOf(object);
  }

  /** The literal env values of one container of a DaemonSet (values from refs are not known). */
  static Map<String, String> env(DaemonSet ds, String containerName) {
    Map<String, String> env = new LinkedHashMap<>();
    Workloads.template(ds)
        .map(t -> t.getSpec())
        .map(s -> s.getContainers())
        .ifPresent(
            containers ->
                containers.stream()
                    .filter(c -> containerName.equals(c.getName()))
                    .findFirst()
                    .ifPresent(
                        c -> {
                          if (c.getEnv() != null) {
                            for (EnvVar e : c.getEnv()) {
                              env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
                            }
                          }
                        }));
    return env;
  }
}
