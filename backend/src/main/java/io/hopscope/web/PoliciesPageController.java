package io.hopscope.web;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyQuery;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.EndpointRef;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.Protocol;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The policies page {@code
 * /policies?namespace=&ipBlockMatchesPods=&from=&to=&port=&protocol=[&snapshot=]}: lint findings,
 * policy list (what each selects, its rules), connectivity matrix and a what-if verdict, of the
 * live cluster or of a snapshot. Every state of the page is its URL.
 */
@Controller
class PoliciesPageController {

  private final StateResolver states;
  private final Analyses analyses;
  private final SnapshotBanners banners;

  PoliciesPageController(StateResolver states, Analyses analyses, SnapshotBanners banners) {
    this.states = states;
    this.analyses = analyses;
    this.banners = banners;
  }

  @GetMapping("/policies")
  Mono<Rendering> policies(
      @RequestParam(defaultValue = "") String namespace,
      @RequestParam(defaultValue = "") String ipBlockMatchesPods,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      @RequestParam(defaultValue = "") String port,
      @RequestParam(defaultValue = "TCP") String protocol,
      @RequestParam(required = false) String snapshot) {
    String ns = namespace.trim();
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
        .resolve(snapshot)
        .zipWith(banners.of(snapshot))
        // a page answers an unknown snapshot with the error page, not a 500
        .onErrorMap(
            ApiException.class, e -> new ResponseStatusException(e.status(), e.getMessage()))
        .map(
            resolved -> {
              ClusterState state = resolved.getT1();
              SnapshotBanner banner = resolved.getT2().orElse(null);
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
              List<String> namespaces =
                  state.namespaces().stream().map(Namespace::name).sorted().toList();
              boolean known = ns.isEmpty() || namespaces.contains(ns);
              PoliciesPage page =
                  new PoliciesPage(
                      PoliciesPage.policyRows(index, ns),
                      namespaces,
                      ns,
                      known,
                      ipBlocksMatchPods,
                      PoliciesPage.matrix(connectivity, ns),
                      PoliciesPage.podNames(index),
                      flagProblem != null
                          ? new PoliciesPage.WhatIf(
                              from, to, port, protocol, null, flagProblem.pageMessage(), null)
                          : whatIf(analysis, from, to, port, protocol, ipBlocksMatchPods, snapshot),
                      analysis.lint().stream()
                          .filter(f -> ns.isEmpty() || f.policy().startsWith(ns + "/"))
                          .toList(),
                      connlistUrl(snapshot, ns, ipBlocksMatchPods),
                      banner);
              // a bad what-if is a message in its panel (200); an unknown namespace is a 404
              return Rendering.view("policies")
                  .modelAttribute("page", page)
                  .status(known ? HttpStatus.OK : HttpStatus.NOT_FOUND)
                  .build();
            });
  }

  /** The connlist download of what the page shows: same state, namespace and semantics. */
  private static String connlistUrl(String snapshot, String namespace, boolean ipBlockMatchesPods) {
    UriComponentsBuilder url =
        UriComponentsBuilder.fromPath(
                snapshot == null || snapshot.isBlank()
                    ? "/api/v1/connectivity"
                    : "/api/v1/snapshots/" + snapshot.trim() + "/connectivity")
            .queryParam("format", "txt")
            .queryParam("ipBlockMatchesPods", ipBlockMatchesPods);
    if (!namespace.isEmpty()) {
      url.queryParam("namespace", namespace);
    }
    return url.encode().build().toUriString();
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
      boolean ipBlockMatchesPods,
      String snapshot) {
    if (from.isBlank() && to.isBlank()) {
      return new PoliciesPage.WhatIf(from, to, port, protocol, null, null, null);
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
      return new PoliciesPage.WhatIf(
          from, to, port, protocol, verdict, null, traceUrl(from, to, port, protocol, snapshot));
    } catch (ApiException e) {
      return new PoliciesPage.WhatIf(from, to, port, protocol, null, e.pageMessage(), null);
    }
  }

  /** The same connection on the trace page, where the verdict is one hop of the path. */
  private static String traceUrl(
      String from, String to, String port, String protocol, String snapshot) {
    UriComponentsBuilder url =
        UriComponentsBuilder.fromPath("/trace")
            .queryParam("from", from.trim())
            .queryParam("to", to.trim())
            .queryParam("port", port.trim())
            .queryParam("protocol", protocol.trim());
    if (snapshot != null && !snapshot.isBlank()) {
      url.queryParam("snapshot", snapshot.trim());
    }
    return url.encode().build().toUriString();
  }
}
