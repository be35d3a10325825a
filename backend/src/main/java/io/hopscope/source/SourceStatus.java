package io.hopscope.source;

import java.util.List;

/**
 * How a source is doing, for the dashboard and health.
 *
 * @param kind demo, manifests or kubernetes
 * @param name scenario, path or cluster name
 * @param context kubeconfig context, or empty
 * @param health UP, DEGRADED or DOWN
 * @param messages things the user should know (e.g. "no kubeconfig found: showing the demo
 *     cluster")
 */
public record SourceStatus(
    String kind, String name, String context, String health, List<String> messages) {

  public SourceStatus {
    context = context == null ? "" : context;
    messages = List.copyOf(messages);
  }
}
