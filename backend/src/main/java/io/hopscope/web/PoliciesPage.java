package io.hopscope.web;

import io.hopscope.connectivity.Connection;
import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityPeer;
import io.hopscope.policy.PolicyFinding;
import io.hopscope.policy.Verdict;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the policies page shows: every NetworkPolicy with the pods it selects, the workload
 * connectivity matrix (for one namespace at a time when the cluster is large), and a what-if
 * verdict for a chosen connection.
 */
record PoliciesPage(
    List<PolicyRow> policies,
    List<String> namespaces,
    String namespace,
    boolean namespaceKnown,
    boolean ipBlockMatchesPods,
    Matrix matrix,
    List<String> pods,
    WhatIf whatIf,
    List<PolicyFinding> findings,
    String connlistUrl,
    SnapshotBanner banner) {

  /** Above this many workloads the matrix needs a namespace filter to stay readable. */
  static final int MATRIX_LIMIT = 40;

  /** A policy row names at most this many of the pods it selects. */
  static final int NAMED_PODS = 12;

  /**
   * A row of the policy table.
   *
   * @param selectedNames the first {@link #NAMED_PODS} selected pods, by name
   * @param rules one line per rule ({@link PolicyRules})
   */
  record PolicyRow(
      String namespace,
      String name,
      String podSelector,
      String types,
      int selectedPods,
      List<String> selectedNames,
      List<String> rules) {}

  /** The snapshot id for forms and links, empty for the live cluster. */
  public String snapshotId() {
    return banner == null ? "" : banner.id();
  }

  /** Rows and columns are workload labels; cells the allowed connections ("" = none). */
  record Matrix(
      List<String> workloads, List<List<String>> cells, boolean truncated, int totalWorkloads) {}

  /**
   * The query and its verdict; {@code verdict} is null when nothing was asked, {@code error} set on
   * bad input.
   */
  record WhatIf(
      String from,
      String to,
      String port,
      String protocol,
      Verdict verdict,
      String error,
      String traceUrl) {}

  /** The policies of one namespace (all when empty), sorted by namespace and name. */
  static List<PolicyRow> policyRows(ClusterIndex index, String namespace) {
    List<PolicyRow> rows = new ArrayList<>();
    List<NetworkPolicy> policies =
        index.state().networkPolicies().stream()
            .filter(p -> namespace.isEmpty() || p.namespace().equals(namespace))
            .sorted(java.util.Comparator.comparing(NetworkPolicy::ref))
            .toList();
    for (NetworkPolicy policy : policies) {
      List<String> selectedNames =
          index.podsInNamespace(policy.namespace()).stream()
              .filter(pod -> policy.podSelector().matches(pod.labels()))
              .map(Pod::name)
              .sorted()
              .toList();
      int selected = selectedNames.size();
      String types =
          String.join(
              ", ",
              policy.policyTypes().stream()
                  .map(t -> t.name().charAt(0) + t.name().substring(1).toLowerCase(Locale.ROOT))
                  .toList());
      rows.add(
          new PolicyRow(
              policy.namespace(),
              policy.name(),
              policy.podSelector().toString(),
              types,
              selected,
              selectedNames.subList(0, Math.min(NAMED_PODS, selected)),
              PolicyRules.lines(policy)));
    }
    return rows;
  }

  static Matrix matrix(Connectivity connectivity, String namespace) {
    List<String> all =
        connectivity.workloads().stream()
            .filter(w -> namespace.isEmpty() || w.namespace().equals(namespace))
            .map(ConnectivityPeer::label)
            .toList();
    List<String> shown = all.size() > MATRIX_LIMIT ? all.subList(0, MATRIX_LIMIT) : all;
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < shown.size(); i++) {
      position.put(shown.get(i), i);
    }
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < shown.size(); i++) {
      cells.add(new ArrayList<>(java.util.Collections.nCopies(shown.size(), "")));
    }
    for (Connection connection : connectivity.connections()) {
      Integer row = position.get(connection.from().label());
      Integer column = position.get(connection.to().label());
      if (row != null && column != null) {
        cells.get(row).set(column, connection.connections().toString());
      }
    }
    return new Matrix(shown, cells, shown.size() < all.size(), all.size());
  }

  static List<String> podNames(ClusterIndex index) {
    TreeSet<String> names = new TreeSet<>();
    for (Pod pod : index.state().pods()) {
      names.add(pod.ref().toString());
    }
    return List.copyOf(names);
  }
}
