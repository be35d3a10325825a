package io.hopscope.topology;

import java.util.Map;

/** A namespace with its labels (always including {@code kubernetes.io/metadata.name}). */
public record Namespace(String name, Map<String, String> labels) {

  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  public Namespace {
    labels = Map.copyOf(labels);
  }
}
