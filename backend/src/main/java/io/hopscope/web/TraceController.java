package io.hopscope.web;

import io.hopscope.topology.ClusterState;
import io.hopscope.trace.PacketTracer;
import io.hopscope.trace.Trace;
import io.hopscope.trace.TraceException;
import io.hopscope.trace.TraceRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/trace?from=&to=&port=&protocol=}: the hop-by-hop path of one packet, live or
 * against a snapshot ({@code /api/v1/snapshots/{snapshot}/trace}); one implementation serves both.
 */
@RestController
@Tag(name = "trace", description = "Hop-by-hop packet paths")
class TraceController {

  private final StateResolver states;
  private final Analyses analyses;

  TraceController(StateResolver states, Analyses analyses) {
    this.states = states;
    this.analyses = analyses;
  }

  @GetMapping({"/api/v1/trace", "/api/v1/snapshots/{snapshot}/trace"})
  @Operation(
      summary =
          "The path of one packet, hop by hop, through the cluster's CNI and Service proxy, with NetworkPolicy "
              + "on the path (post-DNAT), findings and Mermaid diagrams; live, or against a snapshot")
  Mono<TraceAnswer> trace(
      @Parameter(description = "snapshot id (snapshot path only)") @PathVariable(required = false)
          String snapshot,
      @Parameter(description = "source pod: NS/POD[:CONTAINER]") @RequestParam(required = false)
          String from,
      @Parameter(
              description = "target: NS/POD[:CONTAINER], service:NS/NAME, dns:NAME or ip:ADDRESS")
          @RequestParam(required = false)
          String to,
      @Parameter(
              description =
                  "destination port 1-65535; defaults to the target's first port (required for dns: and ip:)")
          @RequestParam(required = false)
          String port,
      @Parameter(description = "TCP (default), UDP or SCTP") @RequestParam(required = false)
          String protocol,
      @Parameter(
              description =
                  "whether NetworkPolicy ipBlocks match in-cluster pod IPs (default true)")
          @RequestParam(defaultValue = "true")
          boolean ipBlockMatchesPods) {
    TraceRequest request;
    try {
      request =
          TraceRequest.parse(from, to, port, protocol).withIpBlockMatchesPods(ipBlockMatchesPods);
    } catch (TraceException e) {
      return Mono.error(problem(e));
    }
    return states.resolve(snapshot).map(state -> TraceAnswer.of(trace(state, request)));
  }

  /**
   * Traces against a state with the memoized tracer; {@link TraceException} becomes a 400/404
   * problem.
   */
  Trace trace(ClusterState state, TraceRequest request) {
    try {
      return tracer(state).trace(request);
    } catch (TraceException e) {
      throw problem(e);
    }
  }

  PacketTracer tracer(ClusterState state) {
    Analyses.Analysis analysis = analyses.of(state);
    var index = analysis.index();
    var policy = analysis.policy();
    return analysis.engine(PacketTracer.class, s -> PacketTracer.of(index, policy));
  }

  static ApiException problem(TraceException e) {
    return e.kind() == TraceException.Kind.NOT_FOUND
        ? ApiException.unknown(e.parameter(), e.getMessage())
        : ApiException.badParameter(e.parameter(), e.getMessage());
  }
}
