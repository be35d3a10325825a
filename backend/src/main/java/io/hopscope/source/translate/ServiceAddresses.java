package io.hopscope.source.translate;

import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-written Services often lack a clusterIP or nodePort: give them stable ones from the Service
 * range and the NodePort range (30000-32767), as the API server would, skipping those in use.
 */
final class ServiceAddresses {

  private static final int FIRST_NODE_PORT = 30000;
  private static final int LAST_NODE_PORT = 32767;

  private ServiceAddresses() {}

  static List<Service> assign(List<Service> services, NetworkProfile profile) {
    Set<String> takenIps = new HashSet<>();
    Set<Integer> takenPorts = new HashSet<>();
    services.forEach(
        s -> {
          takenIps.addAll(s.clusterIps());
          s.ports().forEach(p -> takenPorts.add(p.nodePort()));
        });
    String range =
        profile.serviceCidrs().stream()
            .filter(AddressPool::isV4Cidr)
            .findFirst()
            .orElse(ClusterServicesDetection.DEFAULT_SERVICE_CIDR);
    AddressPool pool = new AddressPool(range, 1, takenIps);
    int nextPort = FIRST_NODE_PORT;
    List<Service> result = new ArrayList<>();
    for (Service s : services) {
      List<String> ips = s.clusterIps();
      boolean needsIp = ips.isEmpty() && !s.headless() && s.type() != ServiceType.EXTERNAL_NAME;
      if (needsIp) {
        ips = pool.next().map(List::of).orElse(List.of());
      }
      List<ServicePort> ports = new ArrayList<>();
      for (ServicePort p : s.ports()) {
        boolean needsNodePort =
            p.nodePort() == 0
                && (s.type() == ServiceType.NODE_PORT || s.type() == ServiceType.LOAD_BALANCER);
        if (needsNodePort) {
          while (nextPort <= LAST_NODE_PORT && takenPorts.contains(nextPort)) {
            nextPort++;
          }
          if (nextPort <= LAST_NODE_PORT) {
            takenPorts.add(nextPort);
            p =
                new ServicePort(
                    p.name(), p.port(), p.targetPort(), nextPort, p.protocol(), p.appProtocol());
          }
        }
        ports.add(p);
      }
      result.add(
          new Service(
              s.namespace(),
              s.name(),
              s.type(),
              s.headless(),
              ips,
              ports,
              s.selector(),
              s.externalTrafficPolicy(),
              s.internalTrafficPolicy(),
              s.sessionAffinity(),
              s.loadBalancerIngress(),
              s.externalName(),
              s.endpoints()));
    }
    return result;
  }
}
