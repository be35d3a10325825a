package io.hopscope.source.manifests;

import tools.jackson.core.JacksonException;

/** The field a Fabric8 (Jackson) conversion failed at, found in the exception's causes. */
final class JacksonPaths {

  private JacksonPaths() {}

  /** The path Jackson reports, or null when the failure carries none. */
  static FieldPath of(Throwable failure) {
    JacksonException jackson = jacksonException(failure);
    if (jackson == null) {
      return null;
    }
    FieldPath path = FieldPath.ROOT;
    for (JacksonException.Reference step : jackson.getPath()) {
      if (step.getPropertyName() != null) {
        path = path.key(step.getPropertyName());
      } else if (step.getIndex() >= 0) {
        path = path.index(step.getIndex());
      }
    }
    return path;
  }

  /** Jackson's message without its source location and reference chain. */
  static String originalMessage(Throwable failure) {
    JacksonException jackson = jacksonException(failure);
    return jackson != null ? jackson.getOriginalMessage() : failure.getMessage();
  }

  private static JacksonException jacksonException(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof JacksonException jackson) {
        return jackson;
      }
    }
    return null;
  }
}
