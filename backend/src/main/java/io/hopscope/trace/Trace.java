package io.hopscope.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.Protocol;
import java.util.List;

/**
 * The traced path of one packet, with its explanation.
 *
 * @param from the source as written ({@code NS/POD[:CONTAINER]})
 * @param to the target as written
 * @param port the destination port as requested (or the defaulted one)
 * @param protocol the protocol
 * @param verdict ALLOWED, DENIED (NetworkPolicy dropped it) or UNREACHABLE
 * @param reason one sentence saying why the verdict is what it is
 * @param datapath the datapath model used, e.g. "Flannel VXLAN, kube-proxy iptables"
 * @param hops the path, in order
 * @param policy the policy verdict of the policy-relevant leg (post-DNAT pod and port), or null
 *     when no NetworkPolicy applies (loopback inside one pod, nothing to reach)
 * @param findings problems and modelling notes, warnings first
 * @param edgeLabels for each hop, in order, the few words on the way to it ("DNAT", "VXLAN encap",
 *     ...) that a path diagram writes on the arrow leading to the hop; not part of the API answer,
 *     which carries the rendered diagrams instead
 */
public record Trace(
    String from,
    String to,
    int port,
    Protocol protocol,
    TraceVerdict verdict,
    String reason,
    String datapath,
    List<Hop> hops,
    @JsonInclude(JsonInclude.Include.NON_NULL) Verdict policy,
    List<Finding> findings,
    @JsonIgnore List<String> edgeLabels) {

  public Trace {
    hops = List.copyOf(hops);
    findings = List.copyOf(findings);
    edgeLabels = List.copyOf(edgeLabels);
    if (edgeLabels.size() != hops.size()) {
      throw new IllegalArgumentException(
          edgeLabels.size() + " edge labels for " + hops.size() + " hops");
    }
  }
}
