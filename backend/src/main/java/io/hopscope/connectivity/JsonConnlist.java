package io.hopscope.connectivity;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The connectivity list as JSON: {@code {"ipBlockMatchesPods":..., "connections":[{"src","dst",
 * "conn","protocols":{"TCP":["80","8000-8090"]}}]}}; {@code conn} is the txt notation.
 */
public final class JsonConnlist implements ConnlistFormat {

  @Override
  public String name() {
    return "json";
  }

  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public void write(Connectivity connectivity, Predicate<Connection> keep, Appendable out)
      throws IOException {
    out.append("{\"ipBlockMatchesPods\":")
        .append(Boolean.toString(connectivity.ipBlockMatchesPods()))
        .append(",\"hostNetworkPodsAsPods\":")
        .append(Boolean.toString(connectivity.semantics().hostNetworkPodsAsPods()))
        .append(",\"connections\":[");
    boolean[] first = {true};
    ConnlistFormat.eachLine(
        connectivity,
        keep,
        c -> {
          out.append(first[0] ? "\n" : ",\n");
          first[0] = false;
          out.append("{\"src\":")
              .append(quote(c.from().label()))
              .append(",\"dst\":")
              .append(quote(c.to().label()))
              .append(",\"conn\":")
              .append(quote(c.connections().toString()))
              .append(",\"protocols\":{");
          boolean firstProtocol = true;
          for (Map.Entry<String, List<String>> e : c.connections().byProtocol().entrySet()) {
            out.append(firstProtocol ? "" : ",").append(quote(e.getKey())).append(":[");
            firstProtocol = false;
            for (int i = 0; i < e.getValue().size(); i++) {
              out.append(i == 0 ? "" : ",").append(quote(e.getValue().get(i)));
            }
            out.append(']');
          }
          out.append("}}");
        });
    out.append("\n]}\n");
  }

  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
