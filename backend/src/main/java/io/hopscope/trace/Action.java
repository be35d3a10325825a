package io.hopscope.trace;

/** What happens to the packet at a hop. */
public enum Action {
  FORWARDED,
  DNAT,
  SNAT,
  ENCAPSULATED,
  DECAPSULATED,
  RESOLVED,
  DELIVERED,
  DROPPED
}
