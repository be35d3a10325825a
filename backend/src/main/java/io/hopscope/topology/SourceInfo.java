package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a state came from.
 *
 * @param kind demo, manifests, kubernetes or snapshot
 * @param name scenario name, manifests path, cluster name or snapshot name
 * @param context kubeconfig context, or empty
 * @param capturedAt when the state was built
 * @param warnings documents skipped or fixed up while building the state
 * @param ignoredKinds object kinds present in the input that the model does not use, with counts
 */
public record SourceInfo(
    String kind,
    String name,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String context,
    Instant capturedAt,
    List<String> warnings,
    Map<String, Integer> ignoredKinds) {

  public SourceInfo {
    context = context == null ? "" : context;
    warnings = List.copyOf(warnings);
    ignoredKinds = Map.copyOf(ignoredKinds);
  }

  public SourceInfo withWarnings(List<String> more) {
    var all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new SourceInfo(kind, name, context, capturedAt, all, ignoredKinds);
  }
}
