package io.hopscope.web;

import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Protocol;
import io.hopscope.trace.PacketTracer;
import io.hopscope.trace.Trace;
import io.hopscope.trace.TraceException;
import io.hopscope.trace.TraceRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
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
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "the trace"),
    @ApiResponse(responseCode = "400", description = "a bad parameter (the problem names it)"),
    @ApiResponse(
        responseCode = "404",
        description =
            "an unknown pod, Service, DNS name or snapshot (the problem names the parameter)")
  })
  Mono<TraceAnswer> trace(
      @Parameter(description = "snapshot id (snapshot path only)") @PathVariable(required = false)
          String snapshot,
      @Parameter(description = "source pod: NS/POD[:CONTAINER]", required = true)
          @RequestParam(required = false)
          String from,
      @Parameter(
              description = "target: NS/POD[:CONTAINER], service:NS/NAME, dns:NAME or ip:ADDRESS",
              required = true)
          @RequestParam(required = false)
          String to,
      @Parameter(
              description =
                  "destination port 1-65535; defaults to the target's first port (required for dns: and ip:)",
              schema = @Schema(type = "integer", minimum = "1", maximum = "65535"))
          @RequestParam(required = false)
          String port,
      @Parameter(
              description = "TCP (default), UDP or SCTP",
              schema =
                  @Schema(
                      allowableValues = {"TCP", "UDP", "SCTP"},
                      defaultValue = "TCP"))
          @RequestParam(required = false)
          String protocol,
      @Parameter(
              description =
                  "whether NetworkPolicy ipBlocks match in-cluster pod IPs (default true)",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(required = false)
          String ipBlockMatchesPods) {
    TraceRequest request = request(from, to, port, protocol, ipBlockMatchesPods);
    return states.resolve(snapshot).map(state -> TraceAnswer.of(trace(state, request)));
  }

  /**
   * The trace request of the query parameters, through the one parameter parser: {@code from}, then
   * {@code to}, {@code port}, {@code protocol} and the flag.
   *
   * @throws ApiException naming the first bad parameter
   */
  static TraceRequest request(
      String from, String to, String port, String protocol, String ipBlockMatchesPods) {
    EndpointRef.PodEndpoint source = QueryParameters.sourcePod(QueryParameters.from(from), from);
    EndpointRef target = QueryParameters.to(to);
    int number = QueryParameters.optionalPort(port);
    Protocol proto = QueryParameters.protocol(protocol);
    boolean matches =
        QueryParameters.flag(
            QueryParameters.IP_BLOCK_MATCHES_PODS,
            ipBlockMatchesPods,
            Semantics.DEFAULT.ipBlockMatchesPods());
    try {
      return new TraceRequest(source.pod(), source.container(), target, number, proto, matches);
    } catch (TraceException e) {
      throw problem(e);
    }
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
