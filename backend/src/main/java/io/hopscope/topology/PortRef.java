package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A port given by number or by name (Kubernetes IntOrString), as in a Service targetPort or a
 * NetworkPolicy port. Exactly one of {@code number} (&gt; 0) and {@code name} (non-empty) is set.
 * In JSON it is what Kubernetes writes: a number ({@code 8080}) or a string ({@code "http"}).
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

  /** The JSON form: the name, or the number. */
  @JsonValue
  Object json() {
    return isNamed() ? name : Integer.valueOf(number);
  }

  /** Reads a number or a string (format 1's {@code {number, name}} is upgraded before). */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static PortRef fromJson(Object value) {
    if (value instanceof Number number) {
      return of(number.intValue());
    }
    if (value instanceof String text) {
      return named(text);
    }
    throw new IllegalArgumentException("a port is a number or a name, not " + value);
  }

  @Override
  public String toString() {
    return isNamed() ? name : Integer.toString(number);
  }
}
