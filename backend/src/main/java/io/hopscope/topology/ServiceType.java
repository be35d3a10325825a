package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Service types, spelled in JSON as Kubernetes spells them. A headless Service ({@code clusterIP:
 * None}) is a {@link #CLUSTER_IP} Service with {@link Service#headless()} set, as in Kubernetes.
 */
public enum ServiceType {
  @JsonProperty("ClusterIP")
  CLUSTER_IP("ClusterIP"),
  @JsonProperty("NodePort")
  NODE_PORT("NodePort"),
  @JsonProperty("LoadBalancer")
  LOAD_BALANCER("LoadBalancer"),
  @JsonProperty("ExternalName")
  EXTERNAL_NAME("ExternalName");

  private final String kubernetesName;

  ServiceType(String kubernetesName) {
    this.kubernetesName = kubernetesName;
  }

  /** The name as in a Service's {@code spec.type}, e.g. {@code ClusterIP}. */
  public String kubernetesName() {
    return kubernetesName;
  }
}
