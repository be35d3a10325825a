package io.hopscope.trace.internal;

import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.Endpoint;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.ServicePort;
import io.hopscope.trace.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The endpoints of a Service port that can take the packet, with their resolved target ports. */
final class ServiceBackends {

  private final WalkState w;

  ServiceBackends(WalkState w) {
    this.w = w;
  }

  /**
   * Ready endpoints that serve the Service port, with their resolved target port, first by address.
   */
  List<ServiceProxy.Backend> serving(Service service, ServicePort sp, String onlyNode) {
    List<ServiceProxy.Backend> out = new ArrayList<>();
    for (Endpoint endpoint : w.ctx.readyEndpoints(service)) {
      if (onlyNode != null && !onlyNode.equals(endpoint.nodeName())) {
        continue;
      }
      Pod pod = w.ctx.endpointPod(endpoint).orElse(null);
      int target = targetPort(service, sp, endpoint, pod);
      if (target <= 0) {
        continue;
      }
      out.add(
          new ServiceProxy.Backend(
              endpoint.address(), target, pod, pod == null ? endpoint.nodeName() : pod.nodeName()));
    }
    return out;
  }

  private int targetPort(Service service, ServicePort sp, Endpoint endpoint, Pod pod) {
    if (!sp.targetPort().isNamed()) {
      return sp.targetPort().number();
    }
    if (pod != null) {
      Optional<ContainerPort> named = pod.namedPort(sp.targetPort().name(), sp.protocol());
      if (named.isPresent()) {
        return named.get().containerPort();
      }
    } else {
      // Not a pod we know: the EndpointSlice carries the resolved number under the Service port's
      // name.
      for (ContainerPort p : endpoint.ports()) {
        if (p.name().equals(sp.name()) && p.protocol() == sp.protocol() && p.containerPort() > 0) {
          return p.containerPort();
        }
      }
    }
    w.findings.add(
        Finding.warning(
            Finding.Kind.TARGET_PORT_NOT_FOUND,
            "Service "
                + service.ref()
                + " port "
                + sp.port()
                + " targets port name '"
                + sp.targetPort().name()
                + "', which "
                + (pod == null ? "endpoint " + endpoint.address() : pod.ref().toString())
                + " does not declare for "
                + sp.protocol()
                + "; that endpoint gets no traffic"));
    return 0;
  }
}
