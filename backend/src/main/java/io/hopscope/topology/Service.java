package io.hopscope.topology;

import java.util.List;
import java.util.Map;

/**
 * A Service with its endpoints.
 *
 * @param clusterIps the cluster IPs (empty for headless and ExternalName)
 * @param selector the pod selector (empty: endpoints are managed by hand)
 * @param externalTrafficPolicy Cluster or Local
 * @param internalTrafficPolicy Cluster or Local
 * @param sessionAffinity None or ClientIP
 * @param loadBalancerIngress the load balancer's addresses or host names
 * @param externalName the CNAME target of an ExternalName Service, or empty
 */
public record Service(
    String namespace,
    String name,
    ServiceType type,
    List<String> clusterIps,
    List<ServicePort> ports,
    Map<String, String> selector,
    String externalTrafficPolicy,
    String internalTrafficPolicy,
    String sessionAffinity,
    List<String> loadBalancerIngress,
    String externalName,
    List<Endpoint> endpoints) {

  public Service {
    clusterIps = List.copyOf(clusterIps);
    ports = List.copyOf(ports);
    selector = Map.copyOf(selector);
    externalTrafficPolicy = blankTo(externalTrafficPolicy, "Cluster");
    internalTrafficPolicy = blankTo(internalTrafficPolicy, "Cluster");
    sessionAffinity = blankTo(sessionAffinity, "None");
    loadBalancerIngress = List.copyOf(loadBalancerIngress);
    externalName = externalName == null ? "" : externalName;
    endpoints = List.copyOf(endpoints);
  }

  public PodRef ref() {
    return new PodRef(namespace, name);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
