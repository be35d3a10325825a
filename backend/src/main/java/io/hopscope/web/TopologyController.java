package io.hopscope.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/topology}: the live cluster state as JSON. */
@RestController
@Tag(name = "topology", description = "The cluster as Hopscope sees it")
class TopologyController {

  private final StateResolver states;
  private final Analyses analyses;

  TopologyController(StateResolver states, Analyses analyses) {
    this.states = states;
    this.analyses = analyses;
  }

  @GetMapping(path = "/api/v1/topology", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "The current cluster state: source, network profile, nodes, namespaces, pods, "
              + "services, network policies, interfaces (with kind and provenance), links, and NetworkPolicy lint findings")
  Mono<TopologyView> topology() {
    return states.resolve(null).map(state -> TopologyView.of(analyses.of(state)));
  }
}
