package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A port given by number or by name (Kubernetes IntOrString), as in a Service targetPort or a
 * NetworkPolicy port. Exactly one of {@code number} (&gt; 0) and {@code name} (non-empty) is set.
 */
public record PortRef(int number, String name) {

  public PortRef {
    name = name == null ? "" : name;
  }

  public static PortRef of(int number) {
    return new PortRef(number, "");
  }

  public static PortRef named(String name) {
    return new PortRef(0, name);
  }

  @JsonIgnore // derived: not part of the JSON shape
  public boolean isNamed() {
    return !name.isEmpty();
  }

  @Override
  public String toString() {
    return isNamed() ? name : Integer.toString(number);
  }
}
