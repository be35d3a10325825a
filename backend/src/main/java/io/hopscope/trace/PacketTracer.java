package io.hopscope.trace;

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
    List<String> edgeLabels = result.steps().stream().map(HopRecorder.Step::edge).toList();
    return new Trace(
        request.fromText(),
        request.to().toString(),
        result.port(),
        request.protocol(),
        result.verdict(),
        result.reason(),
        result.datapath(),
        hops,
        result.policy(),
        result.findings(),
        edgeLabels);
  }

  /** The datapath model in use, e.g. "Flannel VXLAN, kube-proxy iptables". */
  public String datapath() {
    return context.datapath().describe() + ", " + context.proxy().describe();
  }
}
