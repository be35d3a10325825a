package io.hopscope.web;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.PortNumber;
import io.hopscope.topology.Protocol;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The policies page {@code /policies?namespace=&ipBlockMatchesPods=&from=&to=&port=&protocol=}:
 * policy list, connectivity matrix and a what-if verdict. Every state of the page is its URL.
 */
@Controller
class PoliciesPageController {

  private final StateResolver states;
  private final Analyses analyses;

  PoliciesPageController(StateResolver states, Analyses analyses) {
    this.states = states;
    this.analyses = analyses;
  }

  @GetMapping("/policies")
  Mono<Rendering> policies(
      @RequestParam(defaultValue = "") String namespace,
      @RequestParam(defaultValue = "true") boolean ipBlockMatchesPods,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String port,
      @RequestParam(defaultValue = "TCP") String protocol) {
    return states
        .resolve(null)
        .map(
            state -> {
              Analyses.Analysis analysis = analyses.of(state);
              ClusterIndex index = analysis.index();
              Connectivity connectivity =
                  ipBlockMatchesPods
                      ? analysis
                          .engine(
                              MatchingPodsConnectivity.class,
                              s ->
                                  new MatchingPodsConnectivity(
                                      ConnectivityAnalyzer.analyze(analysis.policy(), true)))
                          .value()
                      : analysis
                          .engine(
                              ExternalOnlyConnectivity.class,
                              s ->
                                  new ExternalOnlyConnectivity(
                                      ConnectivityAnalyzer.analyze(analysis.policy(), false)))
                          .value();
              PoliciesPage page =
                  new PoliciesPage(
                      PoliciesPage.policyRows(index),
                      state.namespaces().stream().map(Namespace::name).toList(),
                      namespace,
                      ipBlockMatchesPods,
                      PoliciesPage.matrix(connectivity, namespace),
                      PoliciesPage.podNames(index),
                      whatIf(analysis, from, to, port, protocol, ipBlockMatchesPods));
              return Rendering.view("policies").modelAttribute("page", page).build();
            });
  }

  /** Memo keys: the connectivity of a state under each ipBlock semantics. */
  record MatchingPodsConnectivity(Connectivity value) {}

  record ExternalOnlyConnectivity(Connectivity value) {}

  private static PoliciesPage.WhatIf whatIf(
      Analyses.Analysis analysis,
      String from,
      String to,
      String port,
      String protocol,
      boolean ipBlockMatchesPods) {
    if (from.isBlank() && to.isBlank()) {
      return new PoliciesPage.WhatIf(from, to, port, protocol, null, null);
    }
    try {
      PolicyEndpoint source = endpoint(analysis.index(), from, "from");
      PolicyEndpoint target = endpoint(analysis.index(), to, "to");
      int number = PortNumber.parse(port);
      Protocol proto =
          Protocol.parse(protocol)
              .orElseThrow(() -> new IllegalArgumentException("protocol must be TCP, UDP or SCTP"));
      Verdict verdict =
          analysis
              .policy()
              .evaluate(new PolicyQuery(source, target, number, proto, ipBlockMatchesPods));
      return new PoliciesPage.WhatIf(from, to, port, protocol, verdict, null);
    } catch (IllegalArgumentException e) {
      return new PoliciesPage.WhatIf(from, to, port, protocol, null, e.getMessage());
    }
  }

  private static PolicyEndpoint endpoint(ClusterIndex index, String text, String parameter) {
    EndpointRef ref = EndpointRef.parse(text);
    if (ref instanceof EndpointRef.IpEndpoint ip) {
      return new PolicyEndpoint.IpPeer(ip.address());
    }
    if (ref instanceof EndpointRef.PodEndpoint pod) {
      return new PolicyEndpoint.PodPeer(
          index
              .pod(pod.pod())
              .orElseThrow(
                  () -> new IllegalArgumentException(parameter + ": no pod " + pod.pod())));
    }
    throw new IllegalArgumentException(
        parameter + ": policy verdicts are between pods or ip:ADDRESS, not " + text);
  }
}
