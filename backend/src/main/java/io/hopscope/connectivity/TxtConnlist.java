package io.hopscope.connectivity;

import java.io.IOException;
import java.io.UncheckedIOException;

/** netpol-analyzer's connlist text: {@code src => dst : conns}, one line per pair, sorted. */
public final class TxtConnlist implements ConnlistFormat {

  @Override
  public String name() {
    return "txt";
  }

  @Override
  public String mediaType() {
    return "text/plain";
  }

  @Override
  public void write(Connectivity connectivity, Appendable out) throws IOException {
    try {
      connectivity.forEachConnection(c -> {
        try {
          out.append(c.from().label()).append(" => ").append(c.to().label()).append(" : ")
              .append(c.connections().toString()).append('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
