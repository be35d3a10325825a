package io.hopscope.connectivity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** One output format of a connectivity list; every format is written by streaming the lines. */
public interface ConnlistFormat {

  /** The name users pass, e.g. {@code txt}. */
  String name();

  /** The media type of the output. */
  String mediaType();

  /** Writes the connections {@code keep} accepts. */
  void write(Connectivity connectivity, Predicate<Connection> keep, Appendable out)
      throws IOException;

  default void write(Connectivity connectivity, Appendable out) throws IOException {
    write(connectivity, c -> true, out);
  }

  default String write(Connectivity connectivity) {
    return write(connectivity, c -> true);
  }

  default String write(Connectivity connectivity, Predicate<Connection> keep) {
    StringBuilder out = new StringBuilder();
    try {
      write(connectivity, keep, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The connections from or to a workload of the namespace. */
  static Predicate<Connection> touching(String namespace) {
    return c -> inNamespace(c.from(), namespace) || inNamespace(c.to(), namespace);
  }

  private static boolean inNamespace(ConnectivityPeer peer, String namespace) {
    return peer instanceof ConnectivityPeer.Workload w && w.namespace().equals(namespace);
  }

  /** Writes one line; may fail with an {@link IOException}. */
  interface LineWriter {
    void write(Connection connection) throws IOException;
  }

  /** Streams every line of a connectivity to a writer, letting its IOException through. */
  static void eachLine(Connectivity connectivity, Predicate<Connection> keep, LineWriter writer)
      throws IOException {
    try {
      connectivity.forEachConnection(
          c -> {
            if (!keep.test(c)) {
              return;
            }
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
