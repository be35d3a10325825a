package io.hopscope.web;

import io.hopscope.connectivity.Connection;
import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnlistFormat;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.PortNumber;
import io.hopscope.topology.Protocol;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
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
  Mono<VerdictView> verdict(
      @PathVariable(required = false) String snapshot,
      @Parameter(description = "source: NS/POD or ip:ADDRESS") @RequestParam(required = false)
          String from,
      @Parameter(description = "destination: NS/POD or ip:ADDRESS") @RequestParam(required = false)
          String to,
      @Parameter(description = "destination port, 1-65535") @RequestParam(required = false)
          String port,
      @Parameter(description = "TCP (default), UDP or SCTP") @RequestParam(required = false)
          String protocol,
      @Parameter(description = "whether ipBlocks match pod IPs (default true)")
          @RequestParam(required = false)
          String ipBlockMatchesPods,
      @Parameter(
              description =
                  "treat hostNetwork pods like other pods (default false: outside pod policy)")
          @RequestParam(required = false)
          String hostNetworkPodsAsPods) {
    EndpointRef source = endpoint("from", from);
    EndpointRef destination = endpoint("to", to);
    int portNumber = port(port);
    Protocol proto = protocol(protocol);
    boolean ipbm = flag("ipBlockMatchesPods", ipBlockMatchesPods, true);
    boolean hostAsPods = flag("hostNetworkPodsAsPods", hostNetworkPodsAsPods, false);
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
                      ipbm,
                      hostAsPods);
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
  Mono<ResponseEntity<String>> connectivity(
      @PathVariable(required = false) String snapshot,
      @Parameter(description = "txt or json (default json)") @RequestParam(required = false)
          String format,
      @Parameter(description = "whether ipBlocks match pod IPs (default true)")
          @RequestParam(required = false)
          String ipBlockMatchesPods,
      @Parameter(description = "treat hostNetwork pods like other pods (default false)")
          @RequestParam(required = false)
          String hostNetworkPodsAsPods,
      @Parameter(description = "only connections from or to workloads of this namespace")
          @RequestParam(required = false)
          String namespace) {
    ConnlistFormat writer = format(format);
    Predicate<Connection> keep =
        namespace == null || namespace.isBlank()
            ? c -> true
            : ConnlistFormat.touching(namespace.trim());
    Semantics semantics =
        new Semantics(
            flag("ipBlockMatchesPods", ipBlockMatchesPods, true),
            flag("hostNetworkPodsAsPods", hostNetworkPodsAsPods, false));
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

  private static EndpointRef endpoint(String name, String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badParameter(name, name + " is required: NS/POD or ip:ADDRESS");
    }
    EndpointRef ref;
    try {
      ref = EndpointRef.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(name, e.getMessage());
    }
    if (!(ref instanceof EndpointRef.PodEndpoint) && !(ref instanceof EndpointRef.IpEndpoint)) {
      throw ApiException.badParameter(
          name,
          "'"
              + text
              + "': a policy verdict takes a pod (NS/POD) or an address "
              + "(ip:ADDRESS); Services and DNS names are resolved by /api/v1/trace");
    }
    return ref;
  }

  private static PolicyEndpoint resolve(Analyses.Analysis analysis, String name, EndpointRef ref) {
    if (ref instanceof EndpointRef.IpEndpoint ip) {
      return new PolicyEndpoint.IpPeer(ip.address());
    }
    EndpointRef.PodEndpoint pod = (EndpointRef.PodEndpoint) ref;
    return analysis
        .index()
        .pod(pod.pod())
        .<PolicyEndpoint>map(PolicyEndpoint.PodPeer::new)
        .orElseThrow(() -> ApiException.unknown(name, "no pod " + pod.pod() + " in this state"));
  }

  private static int port(String text) {
    if (text == null || text.isBlank()) {
      throw ApiException.badParameter("port", "port is required: a number from 1 to 65535");
    }
    try {
      return PortNumber.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("port", e.getMessage());
    }
  }

  private static Protocol protocol(String text) {
    if (text == null || text.isBlank()) {
      return Protocol.TCP;
    }
    return Protocol.parse(text)
        .orElseThrow(
            () ->
                ApiException.badParameter(
                    "protocol", "'" + text + "' is not a protocol: expected TCP, UDP or SCTP"));
  }

  private static boolean flag(String name, String text, boolean fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badParameter(
              name, "'" + text + "' is not a boolean: expected true or false");
    };
  }

  private static ConnlistFormat format(String text) {
    if (text == null || text.isBlank()) {
      return ConnlistFormat.named("json").orElseThrow();
    }
    return ConnlistFormat.named(text.trim())
        .orElseThrow(
            () ->
                ApiException.badParameter(
                    "format", "'" + text + "' is not a format: expected txt or json"));
  }
}
