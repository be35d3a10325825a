package io.hopscope.snapshot;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityPeer.Workload;
import io.hopscope.policy.ConnectionSet;
import io.hopscope.snapshot.SnapshotDiff.ChangedLine;
import io.hopscope.snapshot.SnapshotDiff.ConnectivityChange;
import io.hopscope.snapshot.SnapshotDiff.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Connectivity gained, lost and changed between the workloads of two states, without listing every
 * pair of either state. Workloads present in both states are grouped by their pair of behaviour
 * groups (before, after); all pairs of workloads between two such joint groups changed alike, so
 * one representative pair per two joint groups says whether any of them changed. Only pairs that
 * did change are listed, up to {@link #MAX_LINES}; the rest are counted as omitted. Workloads of
 * one state only gain or lose every connection they have.
 */
final class ConnectivityDiff {

  /** Listed pairs, all kinds together; beyond this they are counted, not listed. */
  static final int MAX_LINES = 5_000;

  private final Connectivity was;
  private final Connectivity now;
  private final List<Line> gained = new ArrayList<>();
  private final List<Line> lost = new ArrayList<>();
  private final List<ChangedLine> changed = new ArrayList<>();
  private long omitted;

  private ConnectivityDiff(Connectivity was, Connectivity now) {
    this.was = was;
    this.now = now;
  }

  static ConnectivityChange between(Connectivity was, Connectivity now) {
    ConnectivityDiff diff = new ConnectivityDiff(was, now);
    diff.compare();
    Comparator<Line> byPair = Comparator.comparing(Line::from).thenComparing(Line::to);
    diff.gained.sort(byPair);
    diff.lost.sort(byPair);
    diff.changed.sort(Comparator.comparing(ChangedLine::from).thenComparing(ChangedLine::to));
    return new ConnectivityChange(diff.gained, diff.lost, diff.changed, diff.omitted, "");
  }

  /** A workload of both states: its index in each. */
  private record Common(String label, int before, int after) {}

  private void compare() {
    Map<String, Integer> before = indexByLabel(was);
    Map<String, Integer> after = indexByLabel(now);
    Map<Long, List<Common>> joint = new LinkedHashMap<>();
    before.forEach(
        (label, b) -> {
          Integer a = after.get(label);
          if (a != null) {
            long key = ((long) was.groupOf(b) << 32) | now.groupOf(a);
            joint.computeIfAbsent(key, k -> new ArrayList<>()).add(new Common(label, b, a));
          }
        });
    List<List<Common>> groups = new ArrayList<>(joint.values());
    for (List<Common> from : groups) {
      for (List<Common> to : groups) {
        compareGroups(from, to);
      }
    }
    onlyIn(was, before, after, true);
    onlyIn(now, after, before, false);
  }

  /** Every pair from one joint group to another changed as its representative pair did. */
  private void compareGroups(List<Common> from, List<Common> to) {
    Common a = from.get(0);
    Common b = from == to ? (to.size() > 1 ? to.get(1) : null) : to.get(0);
    if (b == null) {
      return; // a single workload: no pair but itself
    }
    ConnectionSet old = was.between(a.before(), b.before());
    ConnectionSet current = now.between(a.after(), b.after());
    if (old.equals(current)) {
      return;
    }
    for (Common source : from) {
      for (Common target : to) {
        if (source != target) {
          record(source.label(), target.label(), old, current);
        }
      }
    }
  }

  /**
   * A workload of one state only: every connection it has, to or from any workload, is gained or
   * lost.
   */
  private void onlyIn(
      Connectivity state, Map<String, Integer> here, Map<String, Integer> there, boolean wasState) {
    List<Workload> workloads = state.workloads();
    here.forEach(
        (label, w) -> {
          if (there.containsKey(label)) {
            return;
          }
          for (int other = 0; other < workloads.size(); other++) {
            String otherLabel = workloads.get(other).label();
            record(wasState, label, otherLabel, state.between(w, other));
            // towards a workload of both states; a pair of two one-state workloads is listed from
            // each one's own loop
            if (there.containsKey(otherLabel)) {
              record(wasState, otherLabel, label, state.between(other, w));
            }
          }
        });
  }

  private void record(boolean wasState, String from, String to, ConnectionSet connections) {
    if (!connections.isEmpty()) {
      record(
          from,
          to,
          wasState ? connections : ConnectionSet.NONE,
          wasState ? ConnectionSet.NONE : connections);
    }
  }

  private void record(String from, String to, ConnectionSet old, ConnectionSet current) {
    if (gained.size() + lost.size() + changed.size() >= MAX_LINES) {
      omitted++;
    } else if (old.isEmpty()) {
      gained.add(new Line(from, to, current.toString()));
    } else if (current.isEmpty()) {
      lost.add(new Line(from, to, old.toString()));
    } else {
      changed.add(new ChangedLine(from, to, old.toString(), current.toString()));
    }
  }

  private static Map<String, Integer> indexByLabel(Connectivity connectivity) {
    Map<String, Integer> index = new HashMap<>();
    List<Workload> workloads = connectivity.workloads();
    for (int i = 0; i < workloads.size(); i++) {
      index.put(workloads.get(i).label(), i);
    }
    return index;
  }
}
