package io.hopscope.topology;

import java.util.Locale;
import java.util.Optional;

/** L4 protocols that Kubernetes ports and NetworkPolicies know. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /** Parses a protocol name case-insensitively; empty when it is not one of TCP, UDP, SCTP. */
  public static Optional<Protocol> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
