package io.hopscope.diagram;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.CniPlugin;
import io.hopscope.topology.Container;
import io.hopscope.topology.Link;
import io.hopscope.topology.NetInterface;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Provenance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The topology overview as a Mermaid flowchart: one subgraph per node holding its bridge, tunnel
 * and uplink devices and its pods grouped by namespace (nested subgraphs), the tunnel peers
 * between nodes (through one overlay box) and the underlay network joining the uplinks. Output is deterministic (everything sorted) and always stays under Mermaid's
 * limits: crowded namespaces become "k pods" boxes and, when that is not enough, whole
 * namespaces and then whole nodes are counted instead of drawn (see {@link Detail}).
 */
public final class TopologyDiagram {

  /** Mermaid's default {@code maxEdges}; the diagram stays strictly below it. */
  public static final int MAX_EDGES = 500;
  /** Mermaid's default {@code maxTextSize}; the diagram stays strictly below it. */
  public static final int MAX_CHARS = 50_000;
  /** A namespace with more pods than this on one node is drawn as one "k pods" box. */
  public static final int PODS_PER_GROUP = 8;
  /** At most this many pod (or pod-count) boxes in one diagram. */
  public static final int MAX_POD_BOXES = 150;
  /** At most this many nodes are drawn; the rest are summed up in one box. */
  public static final int MAX_NODES = 40;

  private static final int MAX_LABEL = 48;
  private static final int HOST_POD_NAMES = 3;
  private static final String UNSCHEDULED = "";

  /** How much of the cluster is drawn, from most to least detailed. */
  public enum Detail {
    /** Every pod is a box, except namespaces with more than {@link #PODS_PER_GROUP} pods on a node. */
    PODS,
    /** One "k pods" box per namespace and node. */
    NAMESPACES,
    /** One "k pods in m namespaces" box per node. */
    NODES
  }

  /**
   * What to draw; empty strings mean "everything".
   *
   * @param namespace only pods of this namespace (and the nodes they run on)
   * @param node only this node
   */
  public record Filter(String namespace, String node) {
    public Filter {
      namespace = namespace == null ? "" : namespace.trim();
      node = node == null ? "" : node.trim();
    }

    public static Filter none() {
      return new Filter("", "");
    }
  }

  /**
   * A rendered diagram.
   *
   * @param mermaid the Mermaid source (labels escaped by {@link Mermaid#label(String)})
   * @param detail the level of detail that fit the limits
   * @param nodes how many nodes are drawn
   * @param pods how many pods the diagram accounts for (drawn or counted)
   * @param edges how many edges the diagram has
   * @param notes what was aggregated or left out, one sentence each
   */
  public record Result(String mermaid, Detail detail, int nodes, int pods, int edges, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  private final ClusterState state;
  private final Filter filter;
  private final Map<String, List<NetInterface>> devicesByNode = new HashMap<>();
  private final Map<String, Node> nodesByName = new HashMap<>();

  private TopologyDiagram(ClusterState state, Filter filter) {
    this.state = state;
    this.filter = filter;
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.Bridge || device instanceof NetInterface.Tunnel
          || device instanceof NetInterface.Uplink) {
        devicesByNode.computeIfAbsent(device.node(), k -> new ArrayList<>()).add(device);
      }
    }
    state.nodes().forEach(node -> nodesByName.put(node.name(), node));
    devicesByNode.values().forEach(list -> list.sort(
        Comparator.comparingInt(TopologyDiagram::deviceOrder).thenComparing(NetInterface::name)));
  }

  /** The overview of the whole state. */
  public static Result render(ClusterState state) {
    return render(state, Filter.none());
  }

  /** The overview of the part of the state the filter selects. */
  public static Result render(ClusterState state, Filter filter) {
    return new TopologyDiagram(state, filter).render();
  }

  private Result render() {
    Selection selection = select();
    Result result = null;
    for (Detail detail : Detail.values()) {
      result = draw(selection, detail);
      if (result.edges() < MAX_EDGES && result.mermaid().length() < MAX_CHARS
          && boxes(selection, detail) <= MAX_POD_BOXES) {
        return result;
      }
    }
    return result;
  }

  // ---- selection: which nodes and pods, grouped node -> namespace -> pods (all sorted)

  private record Selection(List<String> nodes, Map<String, TreeMap<String, List<Pod>>> pods,
      int hiddenNodes, int hiddenPods, int totalPods) {}

  private Selection select() {
    Map<String, TreeMap<String, List<Pod>>> grouped = new TreeMap<>();
    int total = 0;
    for (Pod pod : state.pods()) {
      if (!filter.namespace().isEmpty() && !filter.namespace().equals(pod.namespace())) {
        continue;
      }
      if (!filter.node().isEmpty() && !filter.node().equals(pod.nodeName())) {
        continue;
      }
      grouped.computeIfAbsent(pod.nodeName(), k -> new TreeMap<>())
          .computeIfAbsent(pod.namespace(), k -> new ArrayList<>()).add(pod);
      total++;
    }
    grouped.values().forEach(byNamespace ->
        byNamespace.values().forEach(pods -> pods.sort(Comparator.comparing(Pod::name))));

    Set<String> nodeNames = new TreeSet<>();
    for (Node node : state.nodes()) {
      boolean wanted = filter.node().isEmpty() ? filter.namespace().isEmpty() || grouped.containsKey(node.name())
          : filter.node().equals(node.name());
      if (wanted) {
        nodeNames.add(node.name());
      }
    }
    // pods on nodes the state does not list still get a subgraph
    grouped.keySet().stream().filter(n -> !n.equals(UNSCHEDULED)).forEach(nodeNames::add);

    List<String> shown = new ArrayList<>(nodeNames);
    int hiddenNodes = 0;
    int hiddenPods = 0;
    if (shown.size() > MAX_NODES) {
      for (String hidden : shown.subList(MAX_NODES, shown.size())) {
        hiddenNodes++;
        hiddenPods += count(grouped.get(hidden));
      }
      shown = new ArrayList<>(shown.subList(0, MAX_NODES));
    }
    return new Selection(shown, grouped, hiddenNodes, hiddenPods, total);
  }

  private static int count(Map<String, List<Pod>> byNamespace) {
    if (byNamespace == null) {
      return 0;
    }
    return byNamespace.values().stream().mapToInt(List::size).sum();
  }

  private List<String> columns(Selection selection) {
    List<String> columns = new ArrayList<>(selection.nodes());
    if (selection.pods().containsKey(UNSCHEDULED)) {
      columns.add(UNSCHEDULED);
    }
    return columns;
  }

  private int boxes(Selection selection, Detail detail) {
    int boxes = 0;
    for (String node : columns(selection)) {
      Map<String, List<Pod>> byNamespace = selection.pods().getOrDefault(node, new TreeMap<>());
      boxes += switch (detail) {
        case PODS -> podLevelBoxes(byNamespace);
        case NAMESPACES -> byNamespace.size();
        case NODES -> byNamespace.isEmpty() ? 0 : 1;
      };
    }
    return boxes;
  }

  private static int podLevelBoxes(Map<String, List<Pod>> byNamespace) {
    int boxes = 0;
    boolean hostPods = false;
    for (List<Pod> pods : byNamespace.values()) {
      long onPodNetwork = pods.stream().filter(p -> !p.hostNetwork()).count();
      hostPods |= onPodNetwork < pods.size();
      boxes += onPodNetwork > PODS_PER_GROUP ? 1 : (int) onPodNetwork;
    }
    return boxes + (hostPods ? 1 : 0);
  }

  // ---- drawing

  private Result draw(Selection selection, Detail detail) {
    Mermaid chart = Mermaid.flowchart("LR");
    List<String> notes = new ArrayList<>();
    Set<String> drawnDevices = new HashSet<>();
    List<String[]> podEdges = new ArrayList<>();
    int aggregatedGroups = 0;

    for (String node : columns(selection)) {
      boolean unscheduled = node.equals(UNSCHEDULED);
      chart.subgraph("node:" + node, unscheduled ? "unscheduled pods" : nodeTitle(node));
      String attach = unscheduled ? null : drawDevices(chart, node, drawnDevices);
      TreeMap<String, List<Pod>> byNamespace = selection.pods().getOrDefault(node, new TreeMap<>());
      if (detail == Detail.NODES) {
        if (!byNamespace.isEmpty()) {
          String key = "count:" + node;
          chart.node(key, plural(count(byNamespace), "pod") + " in " + plural(byNamespace.size(), "namespace"),
              Mermaid.Shape.ROUND, "agg");
          podEdges.add(new String[] {key, attach});
        }
        chart.end();
        continue;
      }
      if (detail == Detail.PODS && !unscheduled) {
        drawHostNetworkPods(chart, node, attach, byNamespace, podEdges);
      }
      for (var entry : byNamespace.entrySet()) {
        String namespace = entry.getKey();
        List<Pod> pods = detail == Detail.PODS
            ? entry.getValue().stream().filter(p -> !p.hostNetwork()).toList() : entry.getValue();
        if (pods.isEmpty()) {
          continue;
        }
        String countKey = "count:" + node + "/" + namespace;
        if (detail == Detail.NAMESPACES) {
          chart.node(countKey, namespace + " · " + plural(pods.size(), "pod"), Mermaid.Shape.ROUND, "agg");
          podEdges.add(new String[] {countKey, attach});
          continue;
        }
        chart.subgraph("ns:" + node + "/" + namespace, "ns " + namespace);
        if (pods.size() > PODS_PER_GROUP) {
          aggregatedGroups++;
          chart.node(countKey, plural(pods.size(), "pod"), Mermaid.Shape.ROUND, "agg");
          podEdges.add(new String[] {countKey, attach});
        } else {
          for (Pod pod : pods) {
            String key = "pod:" + pod.ref();
            chart.node(key, podLabel(pod), Mermaid.Shape.ROUND, podClass(pod));
            podEdges.add(new String[] {key, attach});
          }
        }
        chart.end();
      }
      chart.end();
    }

    if (selection.hiddenNodes() > 0) {
      chart.node("hidden-nodes", "+ " + plural(selection.hiddenNodes(), "more node") + " · "
          + plural(selection.hiddenPods(), "pod"), Mermaid.Shape.BOX, "agg");
      notes.add("Only the first " + MAX_NODES + " nodes are drawn; " + plural(selection.hiddenNodes(), "node")
          + " with " + plural(selection.hiddenPods(), "pod") + " are summed up in one box.");
    }

    for (String[] edge : podEdges) {
      if (edge[1] != null) {
        chart.edge(edge[0], edge[1], null, Mermaid.Line.SOLID);
      }
    }
    drawNodeInternals(chart, selection);
    drawUnderlay(chart, selection);
    drawTunnelPeers(chart, drawnDevices);
    classes(chart);

    if (aggregatedGroups > 0) {
      notes.add(plural(aggregatedGroups, "namespace group") + " with more than " + PODS_PER_GROUP
          + " pods on one node are drawn as pod counts.");
    }
    if (detail == Detail.NAMESPACES) {
      notes.add("Too many pods to draw one by one: each namespace on each node is one box with its pod count.");
    } else if (detail == Detail.NODES) {
      notes.add("Too many namespaces to draw: each node is one box with its pod count.");
    }
    return new Result(chart.render(), detail, selection.nodes().size(), selection.totalPods(),
        chart.edgeCount(), notes);
  }

  /**
   * Pods on the host network share the node's network namespace, so they are one box per node
   * (attached to the uplink) rather than one per pod in their namespaces.
   */
  private void drawHostNetworkPods(Mermaid chart, String node, String attach, Map<String, List<Pod>> byNamespace,
      List<String[]> podEdges) {
    List<Pod> hostPods = byNamespace.values().stream().flatMap(List::stream).filter(Pod::hostNetwork)
        .sorted(Comparator.comparing(Pod::ref)).toList();
    if (hostPods.isEmpty()) {
      return;
    }
    List<String> names = hostPods.stream().limit(HOST_POD_NAMES).map(p -> shorten(p.name())).toList();
    String label = "host network · " + plural(hostPods.size(), "pod") + ": " + String.join(", ", names)
        + (hostPods.size() > HOST_POD_NAMES ? ", …" : "");
    String key = "host:" + node;
    chart.node(key, label, Mermaid.Shape.ROUND, "hostpod");
    podEdges.add(new String[] {key, uplink(node, attach)});
  }

  /** Draws a node's host devices; returns the key pods attach to (the bridge, or host routing). */
  private String drawDevices(Mermaid chart, String node, Set<String> drawn) {
    List<NetInterface> devices = devicesByNode.getOrDefault(node, List.of());
    boolean mixed = devices.stream().map(NetInterface::provenance).distinct().count() > 1;
    String attach = null;
    for (NetInterface device : devices) {
      String label = deviceLabel(device) + (mixed ? " · " + provenance(device.provenance()) : "");
      chart.node(device.id(), label, Mermaid.Shape.BOX, deviceClass(device));
      drawn.add(device.id());
      if (attach == null && device instanceof NetInterface.Bridge) {
        attach = device.id();
      }
    }
    if (attach == null) {
      attach = "routing:" + node;
      String label = state.network().plugin() == CniPlugin.CILIUM ? "eBPF datapath" : "host routing";
      chart.node(attach, label, Mermaid.Shape.HEXAGON, "routing");
    }
    return attach;
  }

  private void drawNodeInternals(Mermaid chart, Selection selection) {
    for (String node : selection.nodes()) {
      List<NetInterface> devices = devicesByNode.getOrDefault(node, List.of());
      String attach = devices.stream().filter(d -> d instanceof NetInterface.Bridge).map(NetInterface::id)
          .findFirst().orElse("routing:" + node);
      List<NetInterface> tunnels = devices.stream().filter(d -> d instanceof NetInterface.Tunnel).toList();
      String uplink = devices.stream().filter(d -> d instanceof NetInterface.Uplink)
          .map(NetInterface::id).findFirst().orElse(null);
      for (NetInterface tunnel : tunnels) {
        chart.edge(attach, tunnel.id(), null, Mermaid.Line.SOLID);
        if (uplink != null) {
          chart.edge(tunnel.id(), uplink, null, Mermaid.Line.SOLID);
        }
      }
      // with a tunnel, cross-node pod traffic reaches the uplink only encapsulated
      if (uplink != null && tunnels.isEmpty()) {
        chart.edge(attach, uplink, null, Mermaid.Line.SOLID);
      }
    }
  }

  private String uplink(String node, String fallback) {
    return devicesByNode.getOrDefault(node, List.of()).stream()
        .filter(d -> d instanceof NetInterface.Uplink).map(NetInterface::id).findFirst().orElse(fallback);
  }

  private void drawUnderlay(Mermaid chart, Selection selection) {
    List<String> uplinks = new ArrayList<>();
    for (String node : selection.nodes()) {
      devicesByNode.getOrDefault(node, List.of()).stream()
          .filter(d -> d instanceof NetInterface.Uplink).map(NetInterface::id).findFirst()
          .ifPresent(uplinks::add);
    }
    if (uplinks.size() < 2) {
      return;
    }
    chart.node("underlay", "node network (underlay)", Mermaid.Shape.STADIUM, "underlay");
    uplinks.forEach(uplink -> chart.edge(uplink, "underlay", null, Mermaid.Line.THICK));
  }

  /**
   * Tunnel peers go through one overlay box rather than pairwise: pairwise edges between devices
   * of the same rank would push the nodes apart in the layout, and a full mesh grows as n².
   */
  private void drawTunnelPeers(Mermaid chart, Set<String> drawn) {
    Set<String> tunnels = new TreeSet<>();
    Set<String> pairs = new HashSet<>();
    for (Link link : state.links()) {
      if (link instanceof Link.TunnelPeer peer && drawn.contains(peer.from()) && drawn.contains(peer.to())
          && !peer.from().equals(peer.to())) {
        tunnels.add(peer.from());
        tunnels.add(peer.to());
        pairs.add(peer.from().compareTo(peer.to()) < 0 ? peer.from() + "\n" + peer.to() : peer.to() + "\n" + peer.from());
      }
    }
    if (tunnels.isEmpty()) {
      return;
    }
    Set<String> kinds = new TreeSet<>();
    for (NetInterface device : state.interfaces()) {
      if (device instanceof NetInterface.Tunnel t && tunnels.contains(t.id())) {
        kinds.add(t.tunnelKind().name().toLowerCase(Locale.ROOT));
      }
    }
    int n = tunnels.size();
    String mesh = pairs.size() == n * (n - 1) / 2 ? "full mesh of " + n + " tunnel endpoints"
        : pairs.size() + " peerings between " + n + " tunnel endpoints";
    chart.node("overlay", String.join("+", kinds) + " overlay · " + mesh, Mermaid.Shape.STADIUM, "tunnel");
    tunnels.forEach(tunnel -> chart.edge(tunnel, "overlay", null, Mermaid.Line.DOTTED));
  }

  private static void classes(Mermaid chart) {
    chart.classDef("pod", "fill:#e8eefb,stroke:#1f4b99,color:#1d2433");
    chart.classDef("hostpod", "fill:#f3e8fb,stroke:#6b2fa3,color:#1d2433");
    chart.classDef("notready", "fill:#fde6e6,stroke:#a61b1b,color:#1d2433");
    chart.classDef("agg", "fill:#eef0f4,stroke:#5c667a,color:#1d2433,stroke-dasharray:4 3");
    chart.classDef("bridge", "fill:#e3f4e8,stroke:#1e7b3c,color:#1d2433");
    chart.classDef("routing", "fill:#e3f4e8,stroke:#1e7b3c,color:#1d2433");
    chart.classDef("tunnel", "fill:#fff3d6,stroke:#8a5a00,color:#1d2433");
    chart.classDef("uplink", "fill:#dfe7f2,stroke:#14213d,color:#1d2433");
    chart.classDef("underlay", "fill:#14213d,stroke:#14213d,color:#ffffff");
  }

  // ---- labels

  private String nodeTitle(String name) {
    Node node = nodesByName.get(name);
    StringBuilder title = new StringBuilder("node ").append(name);
    if (node != null && !node.internalIp().isEmpty()) {
      title.append(" · ").append(node.internalIp());
    }
    List<NetInterface> devices = devicesByNode.getOrDefault(name, List.of());
    if (!devices.isEmpty() && devices.stream().allMatch(d -> d.provenance() == Provenance.INFERRED)) {
      title.append(" · devices inferred");
    } else if (!devices.isEmpty() && devices.stream().allMatch(d -> d.provenance() == Provenance.OBSERVED)) {
      title.append(" · devices observed");
    }
    if (node != null && !node.ready()) {
      title.append(" · NotReady");
    }
    return title.toString();
  }

  private static String deviceLabel(NetInterface device) {
    String address = device.addresses().isEmpty() ? "" : " · " + device.addresses().get(0);
    if (device instanceof NetInterface.Tunnel t) {
      return t.name() + " " + t.tunnelKind().name().toLowerCase(Locale.ROOT)
          + (t.vni() > 0 ? " VNI " + t.vni() : "") + (t.udpPort() > 0 ? " UDP " + t.udpPort() : "");
    }
    String kind = device instanceof NetInterface.Bridge ? " bridge" : " uplink";
    return device.name() + kind + address;
  }

  private static String provenance(Provenance provenance) {
    return provenance == Provenance.OBSERVED ? "observed" : "inferred";
  }

  private static String podLabel(Pod pod) {
    StringBuilder label = new StringBuilder(shorten(pod.name()));
    label.append(" · ").append(pod.hostNetwork() ? "host network" : pod.podIps().isEmpty() ? "no IP" : pod.primaryIp());
    List<String> images = pod.containers().stream().filter(c -> !c.init())
        .map(Container::image).map(TopologyDiagram::imageName).filter(i -> !i.isEmpty()).distinct().toList();
    if (!images.isEmpty()) {
      label.append(" · ").append(shorten(String.join(", ", images)));
    }
    return label.toString();
  }

  /** The last path segment of an image reference: {@code docker.io/library/nginx:1.27} is {@code nginx:1.27}. */
  private static String imageName(String image) {
    int slash = image.lastIndexOf('/');
    return slash >= 0 && slash < image.length() - 1 ? image.substring(slash + 1) : image;
  }

  private static String podClass(Pod pod) {
    if (pod.hostNetwork()) {
      return "hostpod";
    }
    return pod.ready() ? "pod" : "notready";
  }

  private static String deviceClass(NetInterface device) {
    if (device instanceof NetInterface.Bridge) {
      return "bridge";
    }
    return device instanceof NetInterface.Tunnel ? "tunnel" : "uplink";
  }

  private static int deviceOrder(NetInterface device) {
    if (device instanceof NetInterface.Bridge) {
      return 0;
    }
    return device instanceof NetInterface.Tunnel ? 1 : 2;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
