package io.hopscope.web;

import io.hopscope.diagram.TopologyDiagram;
import io.hopscope.source.ClusterSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;

/**
 * The dashboard {@code /?namespace=&node=}, and its live part alone at {@code /dashboard/view}
 * (fetched by dashboard.js when a topology event arrives, then swapped in without a reload).
 */
@Controller
class DashboardController {

  private final ClusterSource source;
  private final StateResolver states;
  private final Analyses analyses;

  DashboardController(ClusterSource source, StateResolver states, Analyses analyses) {
    this.source = source;
    this.states = states;
    this.analyses = analyses;
  }

  @GetMapping("/")
  Mono<Rendering> dashboard(
      @RequestParam(required = false) String namespace,
      @RequestParam(required = false) String node) {
    return page(namespace, node, "dashboard");
  }

  @GetMapping("/dashboard/view")
  Mono<Rendering> view(
      @RequestParam(required = false) String namespace,
      @RequestParam(required = false) String node) {
    return page(namespace, node, "dashboard :: view");
  }

  private Mono<Rendering> page(String namespace, String node, String view) {
    TopologyDiagram.Filter filter = new TopologyDiagram.Filter(namespace, node);
    return states
        .resolve(null)
        .map(state -> DashboardPage.of(state, source.status(), filter, analyses.of(state).lint()))
        .map(page -> Rendering.view(view).modelAttribute("page", page).build());
  }
}
