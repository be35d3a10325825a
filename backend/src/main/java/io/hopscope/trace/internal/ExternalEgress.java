package io.hopscope.trace.internal;

import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.Node;
import io.hopscope.trace.Finding;

/** The leg out of the cluster: egress policy at the source, then the node uplink. */
final class ExternalEgress {

  /**
   * Address used to judge egress policy towards a name that resolves outside the cluster
   * (TEST-NET-1).
   */
  static final String EXTERNAL_PLACEHOLDER = "192.0.2.1";

  private final WalkState w;
  private final PolicyHops policyHops;

  ExternalEgress(WalkState w, PolicyHops policyHops) {
    this.w = w;
    this.policyHops = policyHops;
  }

  /** A name CoreDNS forwards upstream, or an ExternalName target. */
  void outsideByName(String name) {
    String host = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (IpAddresses.isLiteral(host)) {
      toOutside(host, host, "");
      return;
    }
    w.findings.add(
        Finding.info(
            Finding.Kind.NAME_NOT_FOUND,
            host
                + " resolves outside the cluster (upstream DNS); egress policy was judged for an "
                + "arbitrary external address, "
                + EXTERNAL_PLACEHOLDER
                + ": trace ip:ADDRESS once the address is known"));
    toOutside(host, EXTERNAL_PLACEHOLDER, " (the address " + host + " resolves to upstream)");
  }

  void toOutside(String shown, String judged, String note) {
    Verdict verdict =
        policyHops.evaluate(
            new PolicyEndpoint.PodPeer(w.src), new PolicyEndpoint.IpPeer(judged), w.port);
    w.policy = verdict;
    if (!w.src.hostNetwork()) {
      w.datapath.leavePod(w.h, w.src, w.srcContainer, shown, false);
    }
    if (!policyHops.egressHop(verdict, shown + ":" + w.port + note)) {
      return;
    }
    outOfCluster(shown);
  }

  /** After a Service DNAT to an address that is not a pod. */
  void toOutsideAfterLeaving(String shown, String judged) {
    Verdict verdict =
        policyHops.evaluate(
            new PolicyEndpoint.PodPeer(w.src), new PolicyEndpoint.IpPeer(judged), w.port);
    w.policy = verdict;
    if (!policyHops.egressHop(verdict, shown + ":" + w.port)) {
      return;
    }
    outOfCluster(shown);
  }

  private void outOfCluster(String shown) {
    Node node = w.ctx.node(w.src.nodeName()).orElseThrow();
    w.datapath.toUplink(w.h, node, shown, w.src.primaryIp(), !w.src.hostNetwork());
    w.reason =
        "leaves the cluster through "
            + node.name()
            + "'s "
            + w.devices().uplink(node.name())
            + " towards "
            + shown
            + "; delivery depends on the network outside";
  }
}
