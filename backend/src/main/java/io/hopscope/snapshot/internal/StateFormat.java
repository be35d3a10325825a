package io.hopscope.snapshot.internal;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Versions of the stored state JSON (in the database and in exports), and the one upgrade path from
 * older ones. Version 1 spelled Kubernetes values as Java constants ({@code CLUSTER_IP}, {@code
 * HEADLESS}, {@code INGRESS}, {@code NOT_IN}) and ports as {@code {number, name}}; version 2 spells
 * them as Kubernetes does ({@code ClusterIP} plus {@code headless}, {@code Ingress}, {@code NotIn},
 * {@code 8080} or {@code "http"}).
 */
public final class StateFormat {

  /** The version this Hopscope writes. */
  public static final int CURRENT = 2;

  private static final Map<String, String> SERVICE_TYPES =
      Map.of(
          "CLUSTER_IP", "ClusterIP",
          "NODE_PORT", "NodePort",
          "LOAD_BALANCER", "LoadBalancer",
          "EXTERNAL_NAME", "ExternalName",
          "HEADLESS", "ClusterIP");

  private static final Map<String, String> POLICY_TYPES =
      Map.of("INGRESS", "Ingress", "EGRESS", "Egress");

  private static final Map<String, String> OPERATORS =
      Map.of("IN", "In", "NOT_IN", "NotIn", "EXISTS", "Exists", "DOES_NOT_EXIST", "DoesNotExist");

  private StateFormat() {}

  /**
   * Rewrites a state tree of {@code version} in place to the current version.
   *
   * @throws IllegalArgumentException when the version is not one this Hopscope knows
   */
  public static void upgrade(JsonNode state, int version) {
    if (version < 1 || version > CURRENT) {
      throw new IllegalArgumentException(
          "unsupported format version " + version + "; this Hopscope reads 1 to " + CURRENT);
    }
    if (version == 1 && state instanceof ObjectNode object) {
      fromVersion1(object);
    }
  }

  private static void fromVersion1(ObjectNode state) {
    for (JsonNode service : state.path("services")) {
      if (service instanceof ObjectNode s) {
        upgradeService(s);
      }
    }
    for (JsonNode policy : state.path("networkPolicies")) {
      if (policy instanceof ObjectNode p) {
        upgradePolicy(p);
      }
    }
  }

  private static void upgradeService(ObjectNode service) {
    String type = service.path("type").asString("");
    service.put("headless", "HEADLESS".equals(type));
    rename(service, "type", SERVICE_TYPES);
    JsonNode ips = service.remove("clusterIps");
    if (ips != null) {
      service.set("clusterIPs", ips);
    }
    for (JsonNode port : service.path("ports")) {
      if (port instanceof ObjectNode p) {
        portRef(p, "targetPort");
      }
    }
  }

  private static void upgradePolicy(ObjectNode policy) {
    JsonNode types = policy.path("policyTypes");
    if (types instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        String name = array.get(i).asString("");
        array.set(i, JsonNodeFactory.instance.stringNode(POLICY_TYPES.getOrDefault(name, name)));
      }
    }
    selector(policy.path("podSelector"));
    for (String direction : new String[] {"ingress", "egress"}) {
      for (JsonNode rule : policy.path(direction)) {
        for (JsonNode peer : rule.path("peers")) {
          selector(peer.path("podSelector"));
          selector(peer.path("namespaceSelector"));
        }
        for (JsonNode port : rule.path("ports")) {
          if (port instanceof ObjectNode p) {
            portRef(p, "port");
          }
        }
      }
    }
  }

  private static void selector(JsonNode selector) {
    for (JsonNode requirement : selector.path("matchExpressions")) {
      if (requirement instanceof ObjectNode r) {
        rename(r, "operator", OPERATORS);
      }
    }
  }

  /** {@code {number, name}} to Kubernetes' IntOrString: the name when set, else the number. */
  private static void portRef(ObjectNode owner, String field) {
    JsonNode ref = owner.get(field);
    if (ref == null || !ref.isObject()) {
      return;
    }
    String name = ref.path("name").asString("");
    if (!name.isEmpty()) {
      owner.put(field, name);
    } else {
      owner.put(field, ref.path("number").asInt(0));
    }
  }

  private static void rename(ObjectNode owner, String field, Map<String, String> names) {
    String value = owner.path(field).asString("");
    String renamed = names.get(value);
    if (renamed != null) {
      owner.put(field, renamed);
    }
  }
}
