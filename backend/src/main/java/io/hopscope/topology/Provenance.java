package io.hopscope.topology;

/** Whether an interface was reported by a node agent or inferred from the CNI profile. */
public enum Provenance {
  OBSERVED,
  INFERRED
}
