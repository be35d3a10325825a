package io.hopscope.connectivity;

import java.io.IOException;
import java.util.function.Predicate;

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
  public void write(Connectivity connectivity, Predicate<Connection> keep, Appendable out)
      throws IOException {
    ConnlistFormat.eachLine(
        connectivity,
        keep,
        c ->
            out.append(c.from().label())
                .append(" => ")
                .append(c.to().label())
                .append(" : ")
                .append(c.connections().toString())
                .append('\n'));
  }
}
