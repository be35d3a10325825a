package io.hopscope.web;

import io.hopscope.connectivity.Connection;
import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnlistFormat;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Protocol;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * NetworkPolicy verdicts and all-pairs connectivity, over the live state or a snapshot (one method
 * serves both paths). Parameters are checked before any state is read.
 */
@RestController
@Tag(name = "policy", description = "NetworkPolicy verdicts and connectivity")
class PolicyController {

  private final StateResolver states;
  private final Analyses analyses;

  PolicyController(StateResolver states, Analyses analyses) {
    this.states = states;
    this.analyses = analyses;
  }

  /** A verdict with the query it answers. */
  record VerdictView(
      String from,
      String to,
      int port,
      Protocol protocol,
      boolean allowed,
      Verdict.DirectionVerdict egress,
      Verdict.DirectionVerdict ingress,
      boolean ipBlockMatchesPods,
      boolean hostNetworkPodsAsPods,
      String explanation) {

    static VerdictView of(String from, String to, PolicyQuery query, Verdict v) {
      return new VerdictView(
          from,
          to,
          query.port(),
          query.protocol(),
          v.allowed(),
          v.egress(),
          v.ingress(),
          v.ipBlockMatchesPods(),
          query.hostNetworkPodsAsPods(),
          v.explanation());
    }
  }

  @GetMapping(
      path = {"/api/v1/policy/verdict", "/api/v1/snapshots/{snapshot}/policy/verdict"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Is a connection allowed by NetworkPolicy, and why: egress at the source, ingress at the "
              + "destination, every selecting policy and rule with the first reason it did not match")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "the verdict"),
    @ApiResponse(responseCode = "400", description = "a bad parameter (the problem names it)"),
    @ApiResponse(
        responseCode = "404",
        description = "an unknown pod or snapshot (the problem names the parameter)")
  })
  Mono<VerdictView> verdict(
      @PathVariable(required = false) String snapshot,
      @Parameter(description = "source: NS/POD or ip:ADDRESS", required = true)
          @RequestParam(required = false)
          String from,
      @Parameter(description = "destination: NS/POD or ip:ADDRESS", required = true)
          @RequestParam(required = false)
          String to,
      @Parameter(
              description = "destination port, 1-65535",
              required = true,
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
              description = "whether ipBlocks match pod IPs (default true)",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(required = false)
          String ipBlockMatchesPods,
      @Parameter(
              description =
                  "treat hostNetwork pods like other pods (default false: outside pod policy)",
              schema = @Schema(type = "boolean", defaultValue = "false"))
          @RequestParam(required = false)
          String hostNetworkPodsAsPods) {
    EndpointRef source =
        QueryParameters.podOrAddress(QueryParameters.FROM, QueryParameters.from(from), from);
    EndpointRef destination =
        QueryParameters.podOrAddress(QueryParameters.TO, QueryParameters.to(to), to);
    int portNumber = QueryParameters.port(port);
    Protocol proto = QueryParameters.protocol(protocol);
    Semantics semantics = semantics(ipBlockMatchesPods, hostNetworkPodsAsPods);
    return states
        .resolve(snapshot)
        .map(
            state -> {
              Analyses.Analysis analysis = analyses.of(state);
              PolicyQuery query =
                  new PolicyQuery(
                      resolve(analysis, "from", source),
                      resolve(analysis, "to", destination),
                      portNumber,
                      proto,
                      semantics.ipBlockMatchesPods(),
                      semantics.hostNetworkPodsAsPods());
              return VerdictView.of(
                  source.toString(),
                  destination.toString(),
                  query,
                  analysis.policy().evaluate(query));
            });
  }

  @GetMapping(
      path = {"/api/v1/connectivity", "/api/v1/snapshots/{snapshot}/connectivity"},
      produces = {MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_JSON_VALUE})
  @Operation(
      summary =
          "All-pairs allowed connections between workloads and IP ranges; txt is line-compatible "
              + "with np-guard netpol-analyzer's connlist")
  @ApiResponses({
    @ApiResponse(responseCode = "200", description = "the connections, as txt or json"),
    @ApiResponse(responseCode = "400", description = "a bad parameter (the problem names it)"),
    @ApiResponse(responseCode = "404", description = "an unknown snapshot")
  })
  Mono<ResponseEntity<String>> connectivity(
      @PathVariable(required = false) String snapshot,
      @Parameter(
              description = "txt or json (default json)",
              schema =
                  @Schema(
                      allowableValues = {"txt", "json"},
                      defaultValue = "json"))
          @RequestParam(required = false)
          String format,
      @Parameter(
              description = "whether ipBlocks match pod IPs (default true)",
              schema = @Schema(type = "boolean", defaultValue = "true"))
          @RequestParam(required = false)
          String ipBlockMatchesPods,
      @Parameter(
              description = "treat hostNetwork pods like other pods (default false)",
              schema = @Schema(type = "boolean", defaultValue = "false"))
          @RequestParam(required = false)
          String hostNetworkPodsAsPods,
      @Parameter(description = "only connections from or to workloads of this namespace")
          @RequestParam(required = false)
          String namespace) {
    ConnlistFormat writer = QueryParameters.format(format);
    Predicate<Connection> keep =
        namespace == null || namespace.isBlank()
            ? c -> true
            : ConnlistFormat.touching(namespace.trim());
    Semantics semantics = semantics(ipBlockMatchesPods, hostNetworkPodsAsPods);
    return states
        .resolve(snapshot)
        .map(
            state -> {
              Analyses.Analysis analysis = analyses.of(state);
              Connectivity connectivity = analysis.connectivity(semantics);
              return ResponseEntity.ok()
                  .contentType(MediaType.parseMediaType(writer.mediaType() + ";charset=UTF-8"))
                  .body(writer.write(connectivity, keep));
            });
  }

  /** The two semantics flags, through the one parameter parser. */
  static Semantics semantics(String ipBlockMatchesPods, String hostNetworkPodsAsPods) {
    return new Semantics(
        QueryParameters.flag(
            QueryParameters.IP_BLOCK_MATCHES_PODS,
            ipBlockMatchesPods,
            Semantics.DEFAULT.ipBlockMatchesPods()),
        QueryParameters.flag(
            QueryParameters.HOST_NETWORK_PODS_AS_PODS,
            hostNetworkPodsAsPods,
            Semantics.DEFAULT.hostNetworkPodsAsPods()));
  }

  static PolicyEndpoint resolve(Analyses.Analysis analysis, String name, EndpointRef ref) {
    if (ref instanceof EndpointRef.IpEndpoint ip) {
      return new PolicyEndpoint.IpPeer(ip.address());
    }
    EndpointRef.PodEndpoint pod = (EndpointRef.PodEndpoint) ref;
    return analysis
        .index()
        .pod(pod.pod())
        .<PolicyEndpoint>map(PolicyEndpoint.PodPeer::new)
        .orElseThrow(
            () -> ApiException.unknown(name, "no pod " + pod.pod() + " in this cluster state"));
  }
}
