package io.hopscope.connectivity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** One output format of a connectivity list; every format is written by streaming the lines. */
public interface ConnlistFormat {

  /** The name users pass, e.g. {@code txt}. */
  String name();

  /** The media type of the output. */
  String mediaType();

  void write(Connectivity connectivity, Appendable out) throws IOException;

  default String write(Connectivity connectivity) {
    StringBuilder out = new StringBuilder();
    try {
      write(connectivity, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes one line; may fail with an {@link IOException}. */
  interface LineWriter {
    void write(Connection connection) throws IOException;
  }

  /** Streams every line of a connectivity to a writer, letting its IOException through. */
  static void eachLine(Connectivity connectivity, LineWriter writer) throws IOException {
    try {
      connectivity.forEachConnection(
          c -> {
            try {
              writer.write(c);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Every format, by name. */
  static List<ConnlistFormat> all() {
    return List.of(new TxtConnlist(), new JsonConnlist());
  }

  static Optional<ConnlistFormat> named(String name) {
    return all().stream().filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
  }
}
