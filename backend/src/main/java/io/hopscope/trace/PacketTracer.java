package io.hopscope.trace;

import io.hopscope.diagram.PolicyDiagram;
import io.hopscope.diagram.TraceDiagram;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.trace.internal.HopRecorder;
import io.hopscope.trace.internal.PathWalk;
import io.hopscope.trace.internal.TraceContext;
import java.util.List;

/**
 * Traces packets through one {@link ClusterState}: built once per state (indexes, device names, the
 * datapath model for its {@link io.hopscope.topology.NetworkProfile}), then queried many times;
 * thread-safe. NetworkPolicy on the path is judged by the given {@link PolicyEvaluator} on the
 * post-DNAT pod and port.
 */
public final class PacketTracer {

  private final TraceContext context;

  private PacketTracer(TraceContext context) {
    this.context = context;
  }

  public static PacketTracer of(ClusterState state, PolicyEvaluator policyEvaluator) {
    return of(ClusterIndex.of(state), policyEvaluator);
  }

  /** Reuses an index already built for the state. */
  public static PacketTracer of(ClusterIndex index, PolicyEvaluator policyEvaluator) {
    return new PacketTracer(new TraceContext(index.state(), index, policyEvaluator));
  }

  /**
   * Traces one request.
   *
   * @throws TraceException when the request names a pod, container or Service the state does not
   *     have (NOT_FOUND) or lacks a port that cannot be defaulted (INVALID)
   */
  public Trace trace(TraceRequest request) {
    PathWalk.Result result = new PathWalk(context, request).walk();
    List<Hop> hops = result.steps().stream().map(HopRecorder.Step::hop).toList();
    String from = request.fromText();
    String to = request.to().toString();
    String mermaid =
        TraceDiagram.render(
            from,
            to,
            result.verdict().name(),
            result.steps().stream().map(PacketTracer::step).toList());
    String policyMermaid = PolicyDiagram.render(result.policy());
    return new Trace(
        from,
        to,
        result.port(),
        request.protocol(),
        result.verdict(),
        result.reason(),
        result.datapath(),
        hops,
        result.policy(),
        result.findings(),
        mermaid,
        policyMermaid);
  }

  /** The datapath model in use, e.g. "Flannel VXLAN, kube-proxy iptables". */
  public String datapath() {
    return context.datapath().describe() + ", " + context.proxy().describe();
  }

  private static TraceDiagram.Step step(HopRecorder.Step step) {
    Hop hop = step.hop();
    return new TraceDiagram.Step(
        hop.node(),
        hop.component().name(),
        hop.device(),
        hop.action().name(),
        step.edge(),
        hop.action() == Action.DROPPED,
        hop.action() == Action.DELIVERED);
  }
}
