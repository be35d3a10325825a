package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import java.util.ArrayList;
import java.util.List;

/** Fabric8 Services to the model (without endpoints; {@link ServiceEndpoints} adds them). */
final class ServiceTranslation {

  private ServiceTranslation() {}

  static io.hopscope.topology.Service translate(io.fabric8.kubernetes.api.model.Service service) {
    ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    ServiceType type = type(spec);
    boolean headless = type == ServiceType.CLUSTER_IP && isHeadless(spec);
    List<String> clusterIps = new ArrayList<>();
    if (!headless && type != ServiceType.EXTERNAL_NAME) {
      if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
        spec.getClusterIPs().stream()
            .filter(ServiceTranslation::isAddress)
            .forEach(clusterIps::add);
      } else if (isAddress(spec.getClusterIP())) {
        clusterIps.add(spec.getClusterIP());
      }
    }
    List<ServicePort> ports = new ArrayList<>();
    if (spec.getPorts() != null) {
      for (var p : spec.getPorts()) {
        int port = p.getPort() == null ? 0 : p.getPort();
        var target = PolicyTranslation.portRef(p.getTargetPort());
        ports.add(
            new ServicePort(
                p.getName(),
                port,
                target,
                p.getNodePort() == null ? 0 : p.getNodePort(),
                Protocol.parse(p.getProtocol()).orElse(Protocol.TCP),
                p.getAppProtocol()));
      }
    }
    List<String> ingress = new ArrayList<>();
    if (service.getStatus() != null
        && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
        ingress.add(i.getIp() != null ? i.getIp() : i.getHostname() == null ? "" : i.getHostname());
      }
    }
    return new io.hopscope.topology.Service(
        InputObjects.namespaceOf(service),
        InputObjects.nameOf(service),
        type,
        headless,
        PodAddresses.v4First(clusterIps),
        ports,
        PodTranslation.orEmpty(spec.getSelector()),
        spec.getExternalTrafficPolicy(),
        spec.getInternalTrafficPolicy(),
        spec.getSessionAffinity(),
        ingress.stream().filter(s -> !s.isEmpty()).toList(),
        spec.getExternalName(),
        List.<Endpoint>of());
  }

  static ServiceType type(ServiceSpec spec) {
    String type = spec.getType() == null ? "ClusterIP" : spec.getType();
    return switch (type) {
      case "NodePort" -> ServiceType.NODE_PORT;
      case "LoadBalancer" -> ServiceType.LOAD_BALANCER;
      case "ExternalName" -> ServiceType.EXTERNAL_NAME;
      default -> ServiceType.CLUSTER_IP;
    };
  }

  /** {@code clusterIP: None}: Kubernetes' headless Service (only meaningful for ClusterIP). */
  static boolean isHeadless(ServiceSpec spec) {
    return io.hopscope.topology.Service.NONE.equals(spec.getClusterIP());
  }

  private static boolean isAddress(String ip) {
    return ip != null && !ip.isBlank() && !"None".equals(ip);
  }
}
