package io.hopscope.trace.internal;

import io.hopscope.policy.Verdict;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import io.hopscope.trace.Finding;
import io.hopscope.trace.TraceRequest;
import io.hopscope.trace.TraceVerdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the legs of one walk share: the request, the source pod, the port (which a Service DNAT
 * changes), the hops recorded so far, the findings, and the verdict with its reason. One instance
 * per walk, updated by the legs in order; not thread-safe.
 */
final class WalkState {

  final TraceContext ctx;
  final TraceRequest request;
  final Datapath datapath;
  final HopRecorder h;
  final Set<Finding> findings = new LinkedHashSet<>();
  final Protocol protocol;

  /** Context that belongs in the reason, e.g. which pod owns a traced address. */
  final List<String> notes = new ArrayList<>();

  Pod src;
  String srcContainer;
  TraceVerdict verdict = TraceVerdict.ALLOWED;
  String reason = "";
  Verdict policy;
  int port;
  int requestedPort;

  WalkState(TraceContext ctx, TraceRequest request) {
    this.ctx = ctx;
    this.request = request;
    this.datapath = ctx.datapath();
    this.h = new HopRecorder(datapath.assumed(), ctx.devices());
    this.protocol = request.protocol();
    this.port = request.port();
  }

  Devices devices() {
    return ctx.devices();
  }

  void note(String text) {
    notes.add(text);
  }

  void unreachable(String why) {
    verdict = TraceVerdict.UNREACHABLE;
    reason = why;
  }

  void denied(String why) {
    verdict = TraceVerdict.DENIED;
    reason = why;
  }

  static boolean running(Pod pod) {
    return "Running".equals(pod.phase()) && !pod.primaryIp().isEmpty() && !pod.nodeName().isEmpty();
  }

  static String describeState(Pod pod) {
    if (pod.nodeName().isEmpty()) {
      return "not scheduled (phase " + pod.phase() + ")";
    }
    if (pod.primaryIp().isEmpty()) {
      return "without an address (phase " + pod.phase() + ")";
    }
    return "in phase " + pod.phase();
  }

  static String exec(Pod pod, String container, String command) {
    return Datapath.exec(pod, container.startsWith("(") ? "" : container, command);
  }
}
