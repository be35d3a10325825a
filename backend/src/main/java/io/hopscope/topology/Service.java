package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A Service with its endpoints.
 *
 * @param type the Service type; a headless Service is a {@link ServiceType#CLUSTER_IP} one
 * @param headless whether it is headless ({@code clusterIP: None}): DNS answers with the endpoint
 *     addresses, there is no virtual IP
 * @param clusterIps the cluster IPs (empty for headless and ExternalName); {@code clusterIPs} in
 *     JSON, as in Kubernetes
 * @param selector the pod selector (empty: endpoints are managed by hand)
 * @param externalTrafficPolicy Cluster or Local
 * @param internalTrafficPolicy Cluster or Local
 * @param sessionAffinity None or ClientIP
 * @param loadBalancerIngress the load balancer's addresses or host names
 * @param externalName the CNAME target of an ExternalName Service, or empty (left out of the JSON)
 * @param generated the fields Hopscope filled in because the input lacked them ({@code clusterIPs},
 *     {@code nodePort}); empty (left out of the JSON) when everything came from the input
 */
public record Service(
    String namespace,
    String name,
    ServiceType type,
    boolean headless,
    @JsonProperty("clusterIPs") List<String> clusterIps,
    List<ServicePort> ports,
    Map<String, String> selector,
    String externalTrafficPolicy,
    String internalTrafficPolicy,
    String sessionAffinity,
    List<String> loadBalancerIngress,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String externalName,
    List<Endpoint> endpoints,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> generated) {

  /** The names of generated fields in {@link #generated()}, as the JSON spells them. */
  public static final String GENERATED_CLUSTER_IPS = "clusterIPs";

  public static final String GENERATED_NODE_PORT = "nodePort";

  /** A Service whose every field came from the input. */
  public Service(
      String namespace,
      String name,
      ServiceType type,
      boolean headless,
      List<String> clusterIps,
      List<ServicePort> ports,
      Map<String, String> selector,
      String externalTrafficPolicy,
      String internalTrafficPolicy,
      String sessionAffinity,
      List<String> loadBalancerIngress,
      String externalName,
      List<Endpoint> endpoints) {
    this(
        namespace,
        name,
        type,
        headless,
        clusterIps,
        ports,
        selector,
        externalTrafficPolicy,
        internalTrafficPolicy,
        sessionAffinity,
        loadBalancerIngress,
        externalName,
        endpoints,
        List.of());
  }

  /** What Kubernetes writes as {@code clusterIP} for a headless Service. */
  public static final String NONE = "None";

  public Service {
    type = type == null ? ServiceType.CLUSTER_IP : type;
    clusterIps = List.copyOf(clusterIps);
    ports = List.copyOf(ports);
    selector = Map.copyOf(selector);
    externalTrafficPolicy = blankTo(externalTrafficPolicy, "Cluster");
    internalTrafficPolicy = blankTo(internalTrafficPolicy, "Cluster");
    sessionAffinity = blankTo(sessionAffinity, "None");
    loadBalancerIngress = List.copyOf(loadBalancerIngress);
    externalName = externalName == null ? "" : externalName;
    endpoints = List.copyOf(endpoints);
    generated = generated == null ? List.of() : List.copyOf(generated);
  }

  public PodRef ref() {
    return new PodRef(namespace, name);
  }

  /**
   * Kubernetes' {@code clusterIP}: {@code None} when headless, else the first cluster IP, or empty
   * (ExternalName; left out of the JSON). Derived from {@code headless} and {@code clusterIPs}.
   */
  @JsonProperty(value = "clusterIP", access = JsonProperty.Access.READ_ONLY)
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public String clusterIp() {
    if (headless) {
      return NONE;
    }
    return clusterIps.isEmpty() ? "" : clusterIps.get(0);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
