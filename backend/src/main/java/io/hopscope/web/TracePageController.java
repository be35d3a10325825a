package io.hopscope.web;

import io.hopscope.topology.ClusterState;
import io.hopscope.trace.TraceRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * The trace page {@code /trace?from=&to=&port=&protocol=[&snapshot=]}: pickers, the path diagram,
 * hop table, policy panel and findings. The URL alone reproduces the trace (permalink).
 */
@Controller
class TracePageController {

  private final StateResolver states;
  private final TraceController traces;
  private final SnapshotBanners banners;

  TracePageController(StateResolver states, TraceController traces, SnapshotBanners banners) {
    this.states = states;
    this.traces = traces;
    this.banners = banners;
  }

  @GetMapping("/trace")
  Mono<Rendering> page(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String port,
      @RequestParam(required = false) String protocol,
      @RequestParam(required = false) String snapshot) {
    boolean asked = (from != null && !from.isBlank()) || (to != null && !to.isBlank());
    return states
        .resolve(snapshot)
        .zipWith(banners.of(snapshot))
        // a page answers an unknown snapshot with the error page, not a 500
        .onErrorMap(
            ApiException.class, e -> new ResponseStatusException(e.status(), e.getMessage()))
        .map(
            resolved -> {
              ClusterState state = resolved.getT1();
              String datapath = traces.tracer(state).datapath();
              TraceAnswer trace = null;
              String error = null;
              HttpStatus status = HttpStatus.OK;
              if (asked) {
                // the API's parser and messages: the page shows the problem's detail
                try {
                  TraceRequest request = TraceController.request(from, to, port, protocol, null);
                  trace = TraceAnswer.of(traces.trace(state, request));
                } catch (ApiException e) {
                  error = e.pageMessage();
                  status = e.status();
                }
              }
              TracePage page =
                  TracePage.of(
                      state,
                      datapath,
                      from,
                      to,
                      port,
                      protocol,
                      snapshot,
                      trace,
                      error,
                      resolved.getT2().orElse(null));
              return Rendering.view("trace").modelAttribute("page", page).status(status).build();
            });
  }
}
