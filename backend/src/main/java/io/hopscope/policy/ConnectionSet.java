package io.hopscope.policy;

import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of allowed connections: per protocol (TCP, UDP, SCTP) a set of port ranges within 1-65535.
 * Immutable; {@link #toString()} is netpol-analyzer's connlist notation ({@code All Connections},
 * {@code TCP 8000-8090,UDP 53}).
 */
public final class ConnectionSet {

  /** The lowest and highest port a connection can use. */
  public static final int MIN_PORT = 1;

  public static final int MAX_PORT = 65535;

  private static final Protocol[] PROTOCOLS = Protocol.values();
  private static final int[] EMPTY = new int[0];
  private static final int[] FULL = {MIN_PORT, MAX_PORT};

  public static final ConnectionSet NONE = new ConnectionSet(new int[][] {EMPTY, EMPTY, EMPTY});
  public static final ConnectionSet ALL = new ConnectionSet(new int[][] {FULL, FULL, FULL});

  /** Per protocol (by ordinal) sorted, disjoint, non-adjacent [lo, hi] pairs. */
  private final int[][] ranges;

  private final boolean empty;
  private final boolean all;

  private ConnectionSet(int[][] ranges) {
    this.ranges = ranges;
    boolean noRanges = true;
    boolean full = true;
    for (int[] r : ranges) {
      noRanges &= r.length == 0;
      full &= Arrays.equals(r, FULL);
    }
    this.empty = noRanges;
    this.all = full;
  }

  /** Ports {@code from}..{@code to} (inclusive) of one protocol. */
  public static ConnectionSet of(Protocol protocol, int from, int to) {
    int lo = Math.max(MIN_PORT, from);
    int hi = Math.min(MAX_PORT, to);
    if (lo > hi) {
      return NONE;
    }
    int[][] r = {EMPTY, EMPTY, EMPTY};
    r[protocol.ordinal()] = new int[] {lo, hi};
    return new ConnectionSet(r);
  }

  /** Every port of one protocol. */
  public static ConnectionSet allOf(Protocol protocol) {
    return of(protocol, MIN_PORT, MAX_PORT);
  }

  public boolean isEmpty() {
    return empty;
  }

  public boolean isAll() {
    return all;
  }

  public boolean contains(Protocol protocol, int port) {
    int[] r = ranges[protocol.ordinal()];
    for (int i = 0; i < r.length; i += 2) {
      if (port >= r[i] && port <= r[i + 1]) {
        return true;
      }
    }
    return false;
  }

  public ConnectionSet union(ConnectionSet other) {
    if (this == other || other.isEmpty() || isAll()) {
      return this;
    }
    if (isEmpty() || other.isAll()) {
      return other;
    }
    int[][] r = new int[PROTOCOLS.length][];
    for (int p = 0; p < r.length; p++) {
      r[p] = merge(ranges[p], other.ranges[p]);
    }
    return canonical(r);
  }

  public ConnectionSet intersect(ConnectionSet other) {
    if (this == other || other.isAll() || isEmpty()) {
      return this;
    }
    if (isAll() || other.isEmpty()) {
      return other;
    }
    int[][] r = new int[PROTOCOLS.length][];
    for (int p = 0; p < r.length; p++) {
      r[p] = intersect(ranges[p], other.ranges[p]);
    }
    return canonical(r);
  }

  /** The port ranges of one protocol, each {@code [from, to]}. */
  public List<int[]> ranges(Protocol protocol) {
    int[] r = ranges[protocol.ordinal()];
    List<int[]> out = new ArrayList<>(r.length / 2);
    for (int i = 0; i < r.length; i += 2) {
      out.add(new int[] {r[i], r[i + 1]});
    }
    return out;
  }

  /**
   * Protocol name to port ranges as text ({@code "80"}, {@code "8000-8090"}), protocols sorted by
   * name.
   */
  public Map<String, List<String>> byProtocol() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Protocol protocol : PROTOCOLS) {
      int[] r = ranges[protocol.ordinal()];
      if (r.length == 0) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < r.length; i += 2) {
        parts.add(r[i] == r[i + 1] ? Integer.toString(r[i]) : r[i] + "-" + r[i + 1]);
      }
      out.put(protocol.name(), parts);
    }
    return out;
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "All Connections";
    }
    if (isEmpty()) {
      return "No Connections";
    }
    List<String> parts = new ArrayList<>();
    byProtocol().forEach((protocol, ports) -> parts.add(protocol + " " + String.join(",", ports)));
    return String.join(",", parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConnectionSet other && Arrays.deepEquals(ranges, other.ranges);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(ranges);
  }

  private static ConnectionSet canonical(int[][] r) {
    ConnectionSet set = new ConnectionSet(r);
    if (set.isEmpty()) {
      return NONE;
    }
    return set.isAll() ? ALL : set;
  }

  private static int[] merge(int[] a, int[] b) {
    if (a.length == 0) {
      return b;
    }
    if (b.length == 0) {
      return a;
    }
    int[] all = new int[a.length + b.length];
    // merge the two sorted interval lists by start, then coalesce overlapping or adjacent ones
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] <= b[j])) {
        all[k++] = a[i++];
        all[k++] = a[i++];
      } else {
        all[k++] = b[j++];
        all[k++] = b[j++];
      }
    }
    int[] out = new int[all.length];
    int n = 0;
    for (int x = 0; x < all.length; x += 2) {
      if (n > 0 && all[x] <= out[n - 1] + 1) {
        out[n - 1] = Math.max(out[n - 1], all[x + 1]);
      } else {
        out[n++] = all[x];
        out[n++] = all[x + 1];
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] intersect(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      int lo = Math.max(a[i], b[j]);
      int hi = Math.min(a[i + 1], b[j + 1]);
      if (lo <= hi) {
        out[n++] = lo;
        out[n++] = hi;
      }
      if (a[i + 1] < b[j + 1]) {
        i += 2;
      } else {
        j += 2;
      }
    }
    return n == 0 ? EMPTY : Arrays.copyOf(out, n);
  }
}
