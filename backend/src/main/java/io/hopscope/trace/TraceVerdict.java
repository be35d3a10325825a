package io.hopscope.trace;

/**
 * The outcome of a trace: delivered, dropped by NetworkPolicy, or never deliverable (no ready
 * endpoint, unknown name, no such Service port, ...).
 */
public enum TraceVerdict {
  ALLOWED,
  DENIED,
  UNREACHABLE
}
