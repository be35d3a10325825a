package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts informer objects down to what the model reads, before they are cached: the informers hold
 * every pod of the cluster, and a full pod (managedFields, status, volumes, probes, env) is ten
 * times the size of what Hopscope uses. Objects are changed in place; anything not listed here is
 * dropped, so a new field the model needs must be added here too.
 */
final class ObjectStripping {

  /**
   * Annotations are part of the model (pods carry them for display and mesh detection), but tools
   * store whole documents in some: those are dropped, and so is any value over 1 KiB.
   */
  private static final Set<String> DROPPED_ANNOTATIONS =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          "deployment.kubernetes.io/revision-history",
          "control-plane.alpha.kubernetes.io/leader");

  private static final int MAX_ANNOTATION_LENGTH = 1024;

  /**
   * ConfigMap keys used by CNI / kube-proxy / DNS detection (docs/manifests.md, CNI detection), by
   * ConfigMap name.
   */
  private static final Map<String, Set<String>> KEPT_CONFIGMAP_KEYS =
      Map.of(
          "kube-flannel-cfg", Set.of("net-conf.json"),
          "kube-proxy", Set.of("config.conf"),
          "coredns", Set.of("Corefile"),
          "kubeadm-config", Set.of("ClusterConfiguration"),
          "calico-config", Set.of("calico_backend", "veth_mtu"),
          "cilium-config",
              Set.of(
                  "routing-mode",
                  "tunnel-protocol",
                  "tunnel",
                  "kube-proxy-replacement",
                  "bpf-lb-sock",
                  "bpf-lb-sock-hostns-only",
                  "enable-host-reachable-services",
                  "enable-node-port",
                  "enable-wireguard",
                  "cluster-pool-ipv4-cidr",
                  "mtu",
                  "ipam",
                  "enable-ipv4",
                  "enable-ipv6"));

  private ObjectStripping() {}

  /** Strips {@code object} in place and returns it. */
  static <T extends HasMetadata> T strip(T object) {
    stripMetadata(object.getMetadata());
    if (object instanceof Pod pod) {
      stripPod(pod);
    } else if (object instanceof Node node) {
      stripNode(node);
    } else if (object instanceof Namespace namespace) {
      namespace.setSpec(null);
      namespace.setStatus(null);
    } else if (object instanceof Service service) {
      ServiceStatus status = service.getStatus();
      service.setStatus(status == null ? null : new ServiceStatus(null, status.getLoadBalancer()));
    } else if (object instanceof ConfigMap configMap) {
      stripConfigMap(configMap);
    } else if (object instanceof DaemonSet daemonSet) {
      stripDaemonSet(daemonSet);
    }
    return object;
  }

  private static void stripMetadata(ObjectMeta metadata) {
    if (metadata == null) {
      return;
    }
    metadata.setManagedFields(null);
    metadata.setFinalizers(null);
    metadata.setGenerateName(null);
    metadata.setSelfLink(null);
    metadata.setNamespace(shared(metadata.getNamespace()));
    metadata.setLabels(compact(metadata.getLabels()));
    Map<String, String> annotations = metadata.getAnnotations();
    if (annotations != null && !annotations.isEmpty()) {
      Map<String, String> kept = new LinkedHashMap<>();
      annotations.forEach(
          (key, value) -> {
            if (value != null
                && value.length() <= MAX_ANNOTATION_LENGTH
                && !DROPPED_ANNOTATIONS.contains(key)) {
              kept.put(key, value);
            }
          });
      metadata.setAnnotations(kept.isEmpty() ? null : compact(kept));
    }
  }

  /**
   * Label maps repeat the same keys and values across thousands of pods: an immutable copy of
   * interned strings costs a fraction of a LinkedHashMap of fresh strings.
   */
  private static Map<String, String> compact(Map<String, String> map) {
    if (map == null || map.isEmpty() || map.containsKey(null) || map.containsValue(null)) {
      return map;
    }
    Map<String, String> shared = new LinkedHashMap<>();
    map.forEach((key, value) -> shared.put(shared(key), shared(value)));
    return Map.copyOf(shared);
  }

  /** The JVM's copy of a string repeated across objects (namespaces, images, node names). */
  private static String shared(String value) {
    return value == null ? null : value.intern();
  }

  private static void stripPod(Pod pod) {
    PodSpec spec = pod.getSpec();
    if (spec != null) {
      PodSpec slim = new PodSpec();
      slim.setNodeName(shared(spec.getNodeName()));
      slim.setHostNetwork(spec.getHostNetwork());
      slim.setDnsPolicy(shared(spec.getDnsPolicy()));
      slim.setHostname(spec.getHostname());
      slim.setSubdomain(spec.getSubdomain());
      slim.setContainers(slimContainers(spec.getContainers(), false));
      slim.setInitContainers(slimContainers(spec.getInitContainers(), false));
      pod.setSpec(slim);
    }
    PodStatus status = pod.getStatus();
    if (status != null) {
      PodStatus slim = new PodStatus();
      slim.setPhase(shared(status.getPhase()));
      slim.setPodIP(status.getPodIP());
      slim.setPodIPs(status.getPodIPs());
      slim.setHostIP(shared(status.getHostIP()));
      slim.setConditions(
          status.getConditions() == null
              ? null
              : status.getConditions().stream()
                  .filter(c -> "Ready".equals(c.getType()))
                  .peek(
                      c -> {
                        c.setMessage(null);
                        c.setReason(null);
                        c.setLastProbeTime(null);
                        c.setLastTransitionTime(null);
                      })
                  .toList());
      pod.setStatus(slim);
    }
  }

  /**
   * Name, image and ports; restartPolicy (native sidecars); env literals and names only when asked
   * (CNI DaemonSets).
   */
  private static List<Container> slimContainers(List<Container> containers, boolean keepEnv) {
    if (containers == null || containers.isEmpty()) {
      return containers;
    }
    return containers.stream()
        .map(
            container -> {
              Container slim = new Container();
              slim.setName(shared(container.getName()));
              slim.setImage(shared(container.getImage()));
              slim.setPorts(container.getPorts());
              slim.setRestartPolicy(container.getRestartPolicy());
              if (keepEnv && container.getEnv() != null) {
                // Names from secrets or fields count (WEAVE_PASSWORD set = encrypted); where they
                // point does not.
                slim.setEnv(
                    container.getEnv().stream()
                        .map(env -> new EnvVar(env.getName(), env.getValue(), null))
                        .toList());
              }
              // kube-apiserver reveals the Service CIDR in one flag; every other argument is
              // dropped.
              slim.setCommand(serviceRangeFlags(container.getCommand()));
              slim.setArgs(serviceRangeFlags(container.getArgs()));
              return slim;
            })
        .toList();
  }

  private static List<String> serviceRangeFlags(List<String> arguments) {
    if (arguments == null) {
      return null;
    }
    List<String> kept =
        arguments.stream().filter(a -> a.contains("--service-cluster-ip-range")).toList();
    return kept.isEmpty() ? null : kept;
  }

  private static void stripNode(Node node) {
    if (node.getSpec() != null) {
      node.getSpec().setTaints(null);
      node.getSpec().setConfigSource(null);
    }
    NodeStatus status = node.getStatus();
    if (status != null) {
      NodeStatus slim = new NodeStatus();
      slim.setAddresses(status.getAddresses());
      slim.setConditions(
          status.getConditions() == null
              ? null
              : status.getConditions().stream()
                  .filter(c -> "Ready".equals(c.getType()))
                  .peek(
                      c -> {
                        c.setMessage(null);
                        c.setReason(null);
                        c.setLastHeartbeatTime(null);
                        c.setLastTransitionTime(null);
                      })
                  .toList());
      node.setStatus(slim);
    }
  }

  private static void stripConfigMap(ConfigMap configMap) {
    configMap.setBinaryData(null);
    Set<String> keys =
        KEPT_CONFIGMAP_KEYS.getOrDefault(configMap.getMetadata().getName(), Set.of());
    Map<String, String> data = configMap.getData();
    if (data != null) {
      Map<String, String> kept = new LinkedHashMap<>();
      data.forEach(
          (key, value) -> {
            if (keys.contains(key)) {
              kept.put(key, value);
            }
          });
      configMap.setData(kept.isEmpty() ? null : kept);
    }
  }

  private static void stripDaemonSet(DaemonSet daemonSet) {
    daemonSet.setStatus(null);
    if (daemonSet.getSpec() == null) {
      return;
    }
    PodTemplateSpec template = daemonSet.getSpec().getTemplate();
    if (template != null && template.getSpec() != null) {
      PodSpec spec = template.getSpec();
      PodSpec slim = new PodSpec();
      slim.setHostNetwork(spec.getHostNetwork());
      slim.setDnsPolicy(spec.getDnsPolicy());
      slim.setNodeName(spec.getNodeName());
      slim.setContainers(slimContainers(spec.getContainers(), true));
      slim.setInitContainers(slimContainers(spec.getInitContainers(), true));
      template.setSpec(slim);
      stripMetadata(template.getMetadata());
    }
  }
}
