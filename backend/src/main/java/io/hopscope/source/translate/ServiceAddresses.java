package io.hopscope.source.translate;

import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-written Services often lack a clusterIP or nodePort: give them stable ones from the Service
 * range and the NodePort range (30000-32767), as the API server would, skipping those in use. The
 * first address of the range belongs to {@code default/kubernetes} and the cluster DNS address (the
 * kube-dns clusterIP, else the 10th address, kubeadm's choice) to {@code kube-system/kube-dns}: no
 * other Service is given them. What is filled in is named in {@link Service#generated()}.
 */
final class ServiceAddresses {

  private static final int FIRST_NODE_PORT = 30000;
  private static final int LAST_NODE_PORT = 32767;

  /** kubeadm gives the cluster DNS Service the 10th address of the Service range. */
  static final int DNS_OFFSET = 10;

  private static final PodRef API_SERVER = new PodRef("default", "kubernetes");
  private static final PodRef DNS = new PodRef("kube-system", "kube-dns");

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
    String apiServerIp = nthAddress(range, 1);
    String dnsIp =
        IpAddresses.isLiteral(profile.clusterDnsIp())
            ? profile.clusterDnsIp()
            : nthAddress(range, DNS_OFFSET);
    Set<String> reserved = Set.of(apiServerIp, dnsIp);
    Set<String> takenOrReserved = new HashSet<>(takenIps);
    takenOrReserved.addAll(reserved);
    AddressPool pool = new AddressPool(range, 1, takenOrReserved);
    int nextPort = FIRST_NODE_PORT;
    List<Service> result = new ArrayList<>();
    for (Service s : services) {
      List<String> ips = s.clusterIps();
      List<String> generated = new ArrayList<>(s.generated());
      boolean needsIp = ips.isEmpty() && !s.headless() && s.type() != ServiceType.EXTERNAL_NAME;
      if (needsIp) {
        String own = s.ref().equals(API_SERVER) ? apiServerIp : s.ref().equals(DNS) ? dnsIp : null;
        ips =
            own != null && !takenIps.contains(own)
                ? List.of(own)
                : pool.next().map(List::of).orElse(List.of());
        takenIps.addAll(ips);
        if (!ips.isEmpty()) {
          generated.add(Service.GENERATED_CLUSTER_IPS);
        }
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
            if (!generated.contains(Service.GENERATED_NODE_PORT)) {
              generated.add(Service.GENERATED_NODE_PORT);
            }
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
              s.endpoints(),
              generated));
    }
    return result;
  }

  /** The address {@code n} after the network address of an IPv4 range. */
  static String nthAddress(String cidr, int n) {
    int slash = cidr.indexOf('/');
    long size = 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
    long network = IpAddresses.v4ToLong(cidr.substring(0, slash)) & ~(size - 1);
    return IpAddresses.longToV4(network + Math.min(n, Math.max(0, size - 2)));
  }
}
