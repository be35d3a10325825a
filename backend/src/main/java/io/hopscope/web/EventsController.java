package io.hopscope.web;

import io.hopscope.source.ClusterSource;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * {@code GET /api/v1/events}: Server-Sent Events, one {@code topology} event (data: the StateChange
 * as JSON) per new state, and a comment line every heartbeat so that proxies keep the connection
 * open.
 */
@RestController
@Tag(name = "events", description = "Live topology changes")
class EventsController {

  static final String TOPOLOGY_EVENT = "topology";

  private final ClusterSource source;
  private final Duration heartbeat;

  EventsController(
      ClusterSource source, @Value("${hopscope.events.heartbeat:15s}") Duration heartbeat) {
    this.source = source;
    this.heartbeat = heartbeat;
  }

  @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      summary =
          "Server-Sent Events: 'topology' events with {version, at, changes}; heartbeat comments")
  Flux<ServerSentEvent<Object>> events() {
    Flux<ServerSentEvent<Object>> changes =
        source
            .changes()
            .map(
                change ->
                    ServerSentEvent.builder((Object) change)
                        .event(TOPOLOGY_EVENT)
                        .id(Long.toString(change.version()))
                        .build());
    Flux<ServerSentEvent<Object>> heartbeats =
        Flux.interval(heartbeat)
            .map(tick -> ServerSentEvent.builder().comment("heartbeat").build());
    // the first comment flushes the headers at once, so clients know they are connected
    return Flux.merge(
        Flux.just(ServerSentEvent.builder().comment("connected").build()), changes, heartbeats);
  }
}
