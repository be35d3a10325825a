package io.hopscope.diagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart builder. Node ids are generated ({@code n1}, {@code n2}, ...), never taken
 * from names, and every label goes through {@link #label(String)}, the one escaping function:
 * Mermaid entity codes instead of HTML entities, because the browser decodes HTML entities before
 * Mermaid parses the text (see STACK.md).
 */
public final class Mermaid {

  /** Node shapes. */
  public enum Shape {
    BOX,
    ROUND,
    STADIUM,
    CYLINDER,
    HEXAGON,
    CIRCLE,
    RHOMBUS
  }

  /** Edge styles. */
  public enum Line {
    SOLID,
    DOTTED,
    THICK
  }

  private final String direction;
  private final Map<String, String> idsByKey = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();
  private int indent = 1;
  private int edges;

  private Mermaid(String direction) {
    this.direction = direction;
  }

  /** A flowchart; direction is LR, TB, RL or BT. */
  public static Mermaid flowchart(String direction) {
    if (!List.of("LR", "TB", "TD", "RL", "BT").contains(direction)) {
      throw new IllegalArgumentException("bad direction " + direction);
    }
    return new Mermaid(direction);
  }

  /**
   * Escapes text for a quoted Mermaid label: {@code "} {@code <} {@code >} {@code &} {@code [}
   * {@code ]} {@code #} and other syntax characters become Mermaid entity codes ({@code #quot;},
   * {@code #lt;}, ...); control characters become spaces; backticks (markdown strings) are coded
   * too.
   */
  public static String label(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '#' -> out.append("#35;");
        case '"' -> out.append("#quot;");
        case '<' -> out.append("#lt;");
        case '>' -> out.append("#gt;");
        case '&' -> out.append("#amp;");
        case '[' -> out.append("#91;");
        case ']' -> out.append("#93;");
        case '(' -> out.append("#40;");
        case ')' -> out.append("#41;");
        case '{' -> out.append("#123;");
        case '}' -> out.append("#125;");
        case '|' -> out.append("#124;");
        case '`' -> out.append("#96;");
        case ';' -> out.append("#59;");
        case '%' -> out.append("#37;");
        case '\\' -> out.append("#92;");
        default -> out.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** The generated id of a node added under {@code key}; adds nothing. */
  public String id(String key) {
    String id = idsByKey.get(key);
    if (id == null) {
      throw new IllegalArgumentException("no node " + key);
    }
    return id;
  }

  public boolean has(String key) {
    return idsByKey.containsKey(key);
  }

  /**
   * Adds a node (once per key) with a label and a shape, optionally a CSS class (fixed names only).
   */
  public Mermaid node(String key, String labelText, Shape shape, String cssClass) {
    if (idsByKey.containsKey(key)) {
      return this;
    }
    String id = "n" + (idsByKey.size() + 1);
    idsByKey.put(key, id);
    String quoted = "\"" + label(labelText) + "\"";
    String body =
        switch (shape) {
          case BOX -> "[" + quoted + "]";
          case ROUND -> "(" + quoted + ")";
          case STADIUM -> "([" + quoted + "])";
          case CYLINDER -> "[(" + quoted + ")]";
          case HEXAGON -> "{{" + quoted + "}}";
          case CIRCLE -> "((" + quoted + "))";
          case RHOMBUS -> "{" + quoted + "}";
        };
    add(id + body + (cssClass == null || cssClass.isEmpty() ? "" : ":::" + safeClass(cssClass)));
    return this;
  }

  public Mermaid node(String key, String labelText) {
    return node(key, labelText, Shape.BOX, null);
  }

  /** Opens a subgraph with a generated id and an escaped title; close it with {@link #end()}. */
  public Mermaid subgraph(String key, String title) {
    String id = "g" + (idsByKey.size() + 1);
    idsByKey.put(key, id);
    add("subgraph " + id + " [\"" + label(title) + "\"]");
    indent++;
    return this;
  }

  public Mermaid end() {
    indent--;
    add("end");
    return this;
  }

  /** An edge between two added nodes, with an optional label. */
  public Mermaid edge(String fromKey, String toKey, String labelText, Line line) {
    String arrow =
        switch (line) {
          case SOLID -> "-->";
          case DOTTED -> "-.->";
          case THICK -> "==>";
        };
    String text = labelText == null || labelText.isEmpty() ? "" : "|\"" + label(labelText) + "\"|";
    add(id(fromKey) + " " + arrow + text + " " + id(toKey));
    edges++;
    return this;
  }

  public Mermaid edge(String fromKey, String toKey, String labelText) {
    return edge(fromKey, toKey, labelText, Line.SOLID);
  }

  /** Declares a class style; names and styles are fixed by Hopscope code, never user text. */
  public Mermaid classDef(String cssClass, String style) {
    if (!style.matches("[a-zA-Z0-9:#,.\\- ]+")) {
      throw new IllegalArgumentException("unsafe style " + style);
    }
    add("classDef " + safeClass(cssClass) + " " + style);
    return this;
  }

  public int edgeCount() {
    return edges;
  }

  public int nodeCount() {
    return idsByKey.size();
  }

  public String render() {
    StringBuilder out = new StringBuilder("flowchart ").append(direction).append('\n');
    lines.forEach(line -> out.append(line).append('\n'));
    return out.toString();
  }

  private void add(String line) {
    lines.add("  ".repeat(Math.max(indent, 0)) + line);
  }

  private static String safeClass(String cssClass) {
    if (!cssClass.matches("[a-zA-Z][a-zA-Z0-9_-]*")) {
      throw new IllegalArgumentException("unsafe class " + cssClass);
    }
    return cssClass;
  }
}
