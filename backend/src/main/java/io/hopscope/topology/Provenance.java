package io.hopscope.topology;

/**
 * How much of a thing the input states: {@code OBSERVED} (reported by a node agent), {@code
 * INFERRED} (derived from the CNI profile and the objects of the input), or {@code ASSUMED}
 * (guessed because the input lacks it: a node synthesized from pods' placement, the stand-in node
 * of pods without placement, and everything on them).
 */
public enum Provenance {
  OBSERVED,
  INFERRED,
  ASSUMED
}
