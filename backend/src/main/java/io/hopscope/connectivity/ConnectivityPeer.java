package io.hopscope.connectivity;

/** One side of a connectivity line: a workload, or a range of addresses outside the pods. */
public sealed interface ConnectivityPeer extends Comparable<ConnectivityPeer> {

  /** The connlist notation: {@code ns/name[Kind]} or {@code first-last[External]}. */
  String label();

  @Override
  default int compareTo(ConnectivityPeer other) {
    return label().compareTo(other.label());
  }

  /** Pods grouped by their controlling owner (a pod without one is its own workload, kind Pod). */
  record Workload(String namespace, String name, String kind) implements ConnectivityPeer {
    @Override
    public String label() {
      return namespace + "/" + name + "[" + kind + "]";
    }
  }

  /** An inclusive range of addresses, as split by the ipBlocks of the policies. */
  record IpRange(String first, String last) implements ConnectivityPeer {
    @Override
    public String label() {
      return first + "-" + last + "[External]";
    }
  }
}
