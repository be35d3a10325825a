package io.hopscope.web;

import io.hopscope.diagram.TopologyDiagram;
import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.SnapshotDiffs;
import io.hopscope.snapshot.SnapshotProperties;
import io.hopscope.snapshot.SnapshotStore;
import io.hopscope.snapshot.Snapshots;
import io.hopscope.source.SourceStatus;
import io.hopscope.topology.ClusterState;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The snapshot pages: the list {@code /snapshots} (capture, import, export, share, delete, pick two
 * to diff), one snapshot's dashboard {@code /snapshots/{id}} and the diff view {@code
 * /snapshots/{a}/diff/{b}}. Every one is a shareable URL.
 */
@Controller
class SnapshotPagesController {

  private static final int PAGE_SIZE = 50;

  private final Snapshots snapshots;
  private final SnapshotDiffs diffs;
  private final Analyses analyses;
  private final SnapshotProperties properties;

  SnapshotPagesController(
      Snapshots snapshots, SnapshotDiffs diffs, SnapshotProperties properties, Analyses analyses) {
    this.snapshots = snapshots;
    this.diffs = diffs;
    this.analyses = analyses;
    this.properties = properties;
  }

  /**
   * The list page model; {@code retention} says what retention deletes, or is null when it deletes
   * nothing.
   */
  record ListPage(SnapshotStore.SnapshotPage list, long maxUpload, String retention) {
    public boolean hasPrevious() {
      return list.page() > 0;
    }

    public boolean hasNext() {
      return (long) (list.page() + 1) * list.size() < list.total();
    }
  }

  /** A snapshot's dashboard: its metadata and the same view the live dashboard shows. */
  record SnapshotView(Snapshot snapshot, DashboardPage page) {}

  /** The diff page model. */
  record DiffView(Snapshot a, Snapshot b, io.hopscope.snapshot.SnapshotDiff diff) {}

  @GetMapping("/snapshots")
  Mono<Rendering> list(@RequestParam(defaultValue = "0") String page) {
    int number = pageNumber(page);
    return snapshots
        .list(number, PAGE_SIZE)
        .map(
            list ->
                Rendering.view("snapshots")
                    .modelAttribute(
                        "list",
                        new ListPage(list, properties.maxUpload().toBytes(), retention(properties)))
                    .build());
  }

  /** One sentence on what retention deletes after each capture, or null when it is off. */
  static String retention(SnapshotProperties settings) {
    if (settings.keep() == 0 && settings.maxAge() == null) {
      return null;
    }
    boolean all = settings.retentionAppliesTo() == SnapshotProperties.RetentionScope.ALL;
    String which = all ? "snapshots" : "scheduled captures";
    List<String> limits = new java.util.ArrayList<>();
    if (settings.keep() > 0) {
      limits.add("only the newest " + settings.keep() + " " + which + " are kept");
    }
    if (settings.maxAge() != null) {
      limits.add(which + " older than " + readable(settings.maxAge()) + " are deleted");
    }
    String sentence = "Retention: " + String.join(", and ", limits) + ".";
    return all
        ? sentence
        : sentence + " Snapshots captured by hand or imported stay until you delete them.";
  }

  private static String readable(java.time.Duration age) {
    if (age.toDays() > 0 && age.equals(java.time.Duration.ofDays(age.toDays()))) {
      return age.toDays() + (age.toDays() == 1 ? " day" : " days");
    }
    if (age.toHours() > 0 && age.equals(java.time.Duration.ofHours(age.toHours()))) {
      return age.toHours() + (age.toHours() == 1 ? " hour" : " hours");
    }
    return age.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  @GetMapping("/snapshots/{id}")
  Mono<Rendering> snapshot(
      @PathVariable String id,
      @RequestParam(required = false) String namespace,
      @RequestParam(required = false) String node) {
    TopologyDiagram.Filter filter = new TopologyDiagram.Filter(namespace, node);
    return snapshots
        .find(id)
        .switchIfEmpty(Mono.error(() -> notFound(id)))
        .zipWhen(found -> stateOf(id))
        .publishOn(Schedulers.boundedElastic())
        .map(
            t ->
                new SnapshotView(
                    t.getT1(),
                    DashboardPage.of(
                        t.getT2(),
                        statusOf(t.getT1(), t.getT2()),
                        filter,
                        analyses.of(t.getT2()).lint())))
        .map(
            view ->
                Rendering.view("snapshot")
                    .modelAttribute("view", view)
                    .modelAttribute("page", view.page())
                    .build());
  }

  @GetMapping("/snapshots/{a}/diff/{b}")
  Mono<Rendering> diff(@PathVariable String a, @PathVariable String b) {
    Mono<Snapshot> first = snapshots.find(a).switchIfEmpty(Mono.error(() -> notFound(a)));
    Mono<Snapshot> second = snapshots.find(b).switchIfEmpty(Mono.error(() -> notFound(b)));
    // states are loaded once both exist: a missing one is a 404, never an empty answer
    return Mono.zip(first, second)
        .flatMap(
            found ->
                Mono.zip(
                    Mono.just(found.getT1()), Mono.just(found.getT2()), stateOf(a), stateOf(b)))
        .publishOn(Schedulers.boundedElastic())
        .map(
            t ->
                new DiffView(
                    t.getT1(),
                    t.getT2(),
                    diffs.between(
                        t.getT3(),
                        t.getT4(),
                        analyses.of(t.getT3()).connectivity(SnapshotDiffs.SEMANTICS),
                        analyses.of(t.getT4()).connectivity(SnapshotDiffs.SEMANTICS))))
        .map(view -> Rendering.view("snapshot-diff").modelAttribute("view", view).build());
  }

  /** A snapshot's state; 404 when it is gone (e.g. deleted between listing and loading). */
  private Mono<ClusterState> stateOf(String id) {
    return snapshots.load(id).switchIfEmpty(Mono.error(() -> notFound(id)));
  }

  private static SourceStatus statusOf(Snapshot snapshot, ClusterState state) {
    return new SourceStatus(
        state.source().kind(),
        state.source().name(),
        state.source().context(),
        "UP",
        List.of("A stored snapshot, not the live cluster: it does not change."));
  }

  private static int pageNumber(String text) {
    try {
      int number = Integer.parseInt(text.trim());
      if (number >= 0 && number <= 1_000_000) {
        return number;
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be a whole number from 0");
  }

  /** 404 that says whether the snapshot was deleted, since a shared link outlives it. */
  private ResponseStatusException notFound(String id) {
    String shown = SnapshotController.abbreviate(id);
    return new ResponseStatusException(
        HttpStatus.NOT_FOUND,
        snapshots.wasDeleted(id)
            ? "snapshot '" + shown + "' was deleted"
            : "no snapshot '" + shown + "' (it was deleted, or never existed)");
  }
}
