package io.hopscope.trace.internal;

import io.hopscope.topology.Pod;
import io.hopscope.topology.Sidecar;
import io.hopscope.trace.Action;
import io.hopscope.trace.Component;

/**
 * The service-mesh proxy hops: outbound capture at the source, inbound capture at the destination.
 */
final class Sidecars {

  private final WalkState w;

  Sidecars(WalkState w) {
    this.w = w;
  }

  void outbound(Pod dst) {
    if (w.src.sidecars().isEmpty() || w.src.hostNetwork()) {
      return;
    }
    Sidecar sidecar = w.src.sidecars().get(0);
    boolean peerMeshed = dst.sidecars().stream().anyMatch(s -> s.mesh().equals(sidecar.mesh()));
    String capture =
        switch (sidecar.mesh()) {
          case "istio" ->
              "iptables (istio-init) redirects outbound traffic to "
                  + sidecar.container()
                  + " on 15001";
          case "linkerd" ->
              "iptables (linkerd-init) redirects outbound traffic to "
                  + sidecar.container()
                  + " on 4140";
          default -> "the mesh redirects outbound traffic to " + sidecar.container();
        };
    w.h.add(
        Component.SIDECAR,
        Action.FORWARDED,
        w.src.nodeName(),
        "",
        w.src.primaryIp(),
        "mesh "
            + sidecar.mesh()
            + ": "
            + capture
            + "; "
            + (peerMeshed
                ? "it opens an mTLS connection to the peer's proxy"
                : "the destination has no "
                    + sidecar.mesh()
                    + " proxy, so it goes out in plain text"),
        sidecar.mesh() + (peerMeshed ? " mTLS" : " plain"),
        "kubectl logs -n " + w.src.namespace() + " " + w.src.name() + " -c " + sidecar.container());
  }

  void inbound(Pod dst) {
    if (dst.sidecars().isEmpty() || dst.hostNetwork()) {
      return;
    }
    Sidecar sidecar = dst.sidecars().get(0);
    String capture =
        switch (sidecar.mesh()) {
          case "istio" ->
              "iptables redirects inbound traffic to " + sidecar.container() + " on 15006";
          case "linkerd" ->
              "iptables redirects inbound traffic to " + sidecar.container() + " on 4143";
          default -> "the mesh redirects inbound traffic to " + sidecar.container();
        };
    w.h.add(
        Component.SIDECAR,
        Action.FORWARDED,
        dst.nodeName(),
        "",
        "127.0.0.1:" + w.port,
        "mesh "
            + sidecar.mesh()
            + ": "
            + capture
            + ", which terminates mTLS (if any) and forwards to localhost:"
            + w.port,
        sidecar.mesh() + " inbound",
        "kubectl logs -n " + dst.namespace() + " " + dst.name() + " -c " + sidecar.container());
  }
}
