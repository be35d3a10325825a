package io.hopscope.snapshot;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Node;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What changed from one state to another: nodes, pods, Services and NetworkPolicies added, removed
 * or changed (naming the changed fields), and connectivity between workloads gained, lost or
 * changed. Pure: no Spring, no I/O; lists are sorted.
 *
 * @param connectivity null when connectivity was not compared
 */
public record SnapshotDiff(
    Section nodes,
    Section pods,
    Section services,
    Section policies,
    ConnectivityChange connectivity) {

  /** Added, removed and changed objects of one kind, by name ({@code ns/name} when namespaced). */
  public record Section(List<String> added, List<String> removed, List<Changed> changed) {
    public Section {
      added = List.copyOf(added);
      removed = List.copyOf(removed);
      changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
  }

  /**
   * An object present in both states whose fields differ.
   *
   * @param fields the names of the changed fields
   * @param values each changed field with its old and new value, in the same order
   */
  public record Changed(String name, List<String> fields, List<FieldChange> values) {
    public Changed {
      fields = List.copyOf(fields);
      values = List.copyOf(values);
    }

    public Changed(String name, List<String> fields) {
      this(name, fields, List.of());
    }
  }

  /** One changed field: its value before and after, as text shortened to {@link #MAX_VALUE}. */
  public record FieldChange(String field, String before, String after) {}

  /** Longer values are cut here: a diff line is read, not parsed. */
  static final int MAX_VALUE = 200;

  /** One allowed connection between two peers (connlist notation). */
  public record Line(String from, String to, String connections) {}

  /** A pair allowed in both states with different connections. */
  public record ChangedLine(String from, String to, String before, String after) {}

  /**
   * Connectivity differences.
   *
   * @param omitted changed pairs beyond the listed ones (the lists stop at a limit)
   * @param skipped why connectivity was not compared, or empty
   */
  public record ConnectivityChange(
      List<Line> gained, List<Line> lost, List<ChangedLine> changed, long omitted, String skipped) {
    public ConnectivityChange {
      gained = List.copyOf(gained);
      lost = List.copyOf(lost);
      changed = List.copyOf(changed);
      skipped = skipped == null ? "" : skipped;
    }

    public static ConnectivityChange skipped(String why) {
      return new ConnectivityChange(List.of(), List.of(), List.of(), 0, why);
    }
  }

  /** The object differences only; connectivity is not compared. */
  public static SnapshotDiff between(ClusterState before, ClusterState after) {
    return between(before, after, null);
  }

  /**
   * The differences, with connectivity compared when given.
   *
   * @param connectivity connectivity of both states, or null
   */
  public static SnapshotDiff between(
      ClusterState before, ClusterState after, ConnectivityChange connectivity) {
    return new SnapshotDiff(
        section(before.nodes(), after.nodes(), Node::name),
        section(before.pods(), after.pods(), p -> p.ref().toString()),
        section(before.services(), after.services(), s -> s.ref().toString()),
        section(before.networkPolicies(), after.networkPolicies(), p -> p.ref().toString()),
        connectivity);
  }

  public boolean isEmpty() {
    return nodes.isEmpty()
        && pods.isEmpty()
        && services.isEmpty()
        && policies.isEmpty()
        && (connectivity == null
            || connectivity.gained().isEmpty()
                && connectivity.lost().isEmpty()
                && connectivity.changed().isEmpty());
  }

  private static <T extends Record> Section section(
      List<T> before, List<T> after, Function<T, String> key) {
    Map<String, T> was = new TreeMap<>();
    before.forEach(item -> was.put(key.apply(item), item));
    Map<String, T> now = new TreeMap<>();
    after.forEach(item -> now.put(key.apply(item), item));
    List<String> added = new ArrayList<>();
    List<Changed> changed = new ArrayList<>();
    now.forEach(
        (name, item) -> {
          T old = was.get(name);
          if (old == null) {
            added.add(name);
          } else if (!old.equals(item)) {
            List<FieldChange> values = changedValues(old, item);
            changed.add(
                new Changed(name, values.stream().map(FieldChange::field).toList(), values));
          }
        });
    List<String> removed = was.keySet().stream().filter(name -> !now.containsKey(name)).toList();
    return new Section(added, removed, changed);
  }

  /**
   * The record components whose values differ, in declaration order, named as in the JSON (e.g.
   * {@code clusterIPs}).
   */
  static List<String> changedFields(Record before, Record after) {
    return changedValues(before, after).stream().map(FieldChange::field).toList();
  }

  /** The record components whose values differ with both values, in declaration order. */
  static List<FieldChange> changedValues(Record before, Record after) {
    List<FieldChange> changes = new ArrayList<>();
    for (RecordComponent component : before.getClass().getRecordComponents()) {
      Object was = value(component, before);
      Object now = value(component, after);
      if (!Objects.equals(was, now)) {
        changes.add(new FieldChange(jsonName(component), shown(was), shown(now)));
      }
    }
    return changes;
  }

  private static String shown(Object value) {
    // maps print sorted, so the same change always reads the same
    String text = String.valueOf(value instanceof Map<?, ?> map ? new TreeMap<>(map) : value);
    return text.length() <= MAX_VALUE ? text : text.substring(0, MAX_VALUE - 1) + "…";
  }

  private static String jsonName(RecordComponent component) {
    // the annotation lands on the accessor: JsonProperty cannot target record components
    JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
    return property == null || property.value().isEmpty() ? component.getName() : property.value();
  }

  private static Object value(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
    }
  }
}
