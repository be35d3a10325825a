package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.topology.ServiceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoints of Services: from the EndpointSlices of the input (label {@code
 * kubernetes.io/service-name}), or, when a Service has none, derived from its selector over the
 * ready pods of its namespace, with target ports resolved as the endpoint controller does.
 */
final class ServiceEndpoints {

  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private ServiceEndpoints() {}

  static List<Service> withEndpoints(
      List<Service> services,
      List<EndpointSlice> slices,
      List<Pod> pods,
      List<Node> nodes,
      TranslationMemo memo) {
    Map<String, String> zones = new HashMap<>();
    nodes.forEach(n -> zones.put(n.name(), n.zone()));
    Map<PodRef, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice slice : slices) {
      String service =
          PodTranslation.orEmpty(slice.getMetadata().getLabels()).get(SERVICE_NAME_LABEL);
      if (service != null) {
        slicesByService
            .computeIfAbsent(
                new PodRef(InputObjects.namespaceOf(slice), service), k -> new ArrayList<>())
            .add(slice);
      }
    }
    Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    pods.forEach(
        p -> podsByNamespace.computeIfAbsent(p.namespace(), k -> new ArrayList<>()).add(p));
    List<Service> result = new ArrayList<>();
    for (Service s : services) {
      List<EndpointSlice> own = slicesByService.get(s.ref());
      List<Endpoint> endpoints;
      if (own != null) {
        endpoints = fromSlices(own, memo);
      } else if (s.type() != ServiceType.EXTERNAL_NAME && !s.selector().isEmpty()) {
        endpoints = fromSelector(s, podsByNamespace.getOrDefault(s.namespace(), List.of()), zones);
      } else {
        endpoints = List.of();
      }
      result.add(
          new Service(
              s.namespace(),
              s.name(),
              s.type(),
              s.headless(),
              s.clusterIps(),
              s.ports(),
              s.selector(),
              s.externalTrafficPolicy(),
              s.internalTrafficPolicy(),
              s.sessionAffinity(),
              s.loadBalancerIngress(),
              s.externalName(),
              endpoints,
              s.generated()));
    }
    return result;
  }

  private static List<Endpoint> fromSlices(List<EndpointSlice> slices, TranslationMemo memo) {
    if (slices.size() == 1) {
      return memo.translate(slices.get(0), ServiceEndpoints::fromSlice);
    }
    List<Endpoint> result = new ArrayList<>();
    slices.forEach(slice -> result.addAll(memo.translate(slice, ServiceEndpoints::fromSlice)));
    return result;
  }

  private static List<Endpoint> fromSlice(EndpointSlice slice) {
    List<Endpoint> result = new ArrayList<>();
    List<ContainerPort> ports = new ArrayList<>();
    if (slice.getPorts() != null) {
      slice
          .getPorts()
          .forEach(
              p ->
                  ports.add(
                      new ContainerPort(
                          p.getName(),
                          p.getPort() == null ? 0 : p.getPort(),
                          Protocol.parse(p.getProtocol()).orElse(Protocol.TCP),
                          0)));
    }
    if (slice.getEndpoints() != null) {
      for (var e : slice.getEndpoints()) {
        EndpointConditions c =
            e.getConditions() == null ? new EndpointConditions() : e.getConditions();
        boolean ready = c.getReady() == null || c.getReady();
        boolean serving = c.getServing() == null ? ready : c.getServing();
        boolean terminating = Boolean.TRUE.equals(c.getTerminating());
        PodRef pod =
            e.getTargetRef() != null
                    && "Pod".equals(e.getTargetRef().getKind())
                    && e.getTargetRef().getName() != null
                ? new PodRef(
                    e.getTargetRef().getNamespace() == null
                        ? InputObjects.namespaceOf(slice)
                        : e.getTargetRef().getNamespace(),
                    e.getTargetRef().getName())
                : null;
        if (e.getAddresses() != null) {
          for (String address : e.getAddresses()) {
            result.add(
                new Endpoint(
                    address,
                    pod,
                    e.getNodeName(),
                    ready,
                    serving,
                    terminating,
                    e.getZone(),
                    ports));
          }
        }
      }
    }
    return List.copyOf(result);
  }

  private static List<Endpoint> fromSelector(
      Service service, List<Pod> candidates, Map<String, String> zones) {
    LabelSelector selector = LabelSelector.ofLabels(service.selector());
    List<Endpoint> result = new ArrayList<>();
    for (Pod pod : candidates) {
      if (!pod.ready() || pod.podIps().isEmpty() || !selector.matches(pod.labels())) {
        continue;
      }
      List<ContainerPort> ports = new ArrayList<>();
      for (ServicePort sp : service.ports()) {
        targetPort(pod, sp)
            .ifPresent(number -> ports.add(new ContainerPort(sp.name(), number, sp.protocol(), 0)));
      }
      if (!ports.isEmpty() || service.ports().isEmpty()) {
        result.add(
            new Endpoint(
                pod.primaryIp(),
                pod.ref(),
                pod.nodeName(),
                true,
                true,
                false,
                zones.getOrDefault(pod.nodeName(), ""),
                ports));
      }
    }
    return result;
  }

  /** The number a target port means for one pod; a name that pod does not declare has none. */
  private static Optional<Integer> targetPort(Pod pod, ServicePort port) {
    if (!port.targetPort().isNamed()) {
      return Optional.of(port.targetPort().number());
    }
    return pod.namedPort(port.targetPort().name(), port.protocol())
        .map(ContainerPort::containerPort);
  }
}
