package io.hopscope.web;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Namespace;
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
      @RequestParam(defaultValue = "") String ipBlockMatchesPods,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String port,
      @RequestParam(defaultValue = "TCP") String protocol) {
    // the flag is parsed like everywhere else; a bad one is reported in the what-if panel
    ApiException badFlag = null;
    boolean matchesPods = Semantics.DEFAULT.ipBlockMatchesPods();
    try {
      matchesPods =
          QueryParameters.flag(
              QueryParameters.IP_BLOCK_MATCHES_PODS, ipBlockMatchesPods, matchesPods);
    } catch (ApiException e) {
      badFlag = e;
    }
    boolean ipBlocksMatchPods = matchesPods;
    ApiException flagProblem = badFlag;
    return states
        .resolve(null)
        .map(
            state -> {
              Analyses.Analysis analysis = analyses.of(state);
              ClusterIndex index = analysis.index();
              Connectivity connectivity =
                  ipBlocksMatchPods
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
                      ipBlocksMatchPods,
                      PoliciesPage.matrix(connectivity, namespace),
                      PoliciesPage.podNames(index),
                      flagProblem != null
                          ? new PoliciesPage.WhatIf(
                              from, to, port, protocol, null, flagProblem.getMessage())
                          : whatIf(analysis, from, to, port, protocol, ipBlocksMatchPods));
              // the page itself is fine: a bad what-if is a message in its panel (200)
              return Rendering.view("policies").modelAttribute("page", page).build();
            });
  }

  /** Memo keys: the connectivity of a state under each ipBlock semantics. */
  record MatchingPodsConnectivity(Connectivity value) {}

  record ExternalOnlyConnectivity(Connectivity value) {}

  /**
   * The what-if verdict, parsed by the API's parser (same order, same messages as {@code
   * /api/v1/policy/verdict}); a bad or unknown parameter is shown as the API's problem detail.
   */
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
      EndpointRef source =
          QueryParameters.podOrAddress(QueryParameters.FROM, QueryParameters.from(from), from);
      EndpointRef target =
          QueryParameters.podOrAddress(QueryParameters.TO, QueryParameters.to(to), to);
      int number = QueryParameters.port(port);
      Protocol proto = QueryParameters.protocol(protocol);
      PolicyQuery query =
          new PolicyQuery(
              PolicyController.resolve(analysis, QueryParameters.FROM, source),
              PolicyController.resolve(analysis, QueryParameters.TO, target),
              number,
              proto,
              ipBlockMatchesPods);
      Verdict verdict = analysis.policy().evaluate(query);
      return new PoliciesPage.WhatIf(from, to, port, protocol, verdict, null);
    } catch (ApiException e) {
      return new PoliciesPage.WhatIf(from, to, port, protocol, null, e.getMessage());
    }
  }
}
