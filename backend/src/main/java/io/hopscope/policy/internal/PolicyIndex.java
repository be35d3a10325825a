package io.hopscope.policy.internal;

import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.ContainerPort;
import io.hopscope.topology.IpAddresses;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.Namespace;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.IpBlock;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lookups policy evaluation needs, built once per state: policies per namespace (sorted by
 * name), parsed ipBlocks, selector peers grouped by the namespaces they can match; and lazily
 * filled, thread-safe memos: the policies selecting each pod, the namespaces each namespace
 * selector matches, the pods each peer selects, parsed addresses.
 */
public final class PolicyIndex {

  /** The policies that select one pod, per direction, sorted by namespace/name. */
  public record Selection(List<NetworkPolicy> ingress, List<NetworkPolicy> egress) {
    public List<NetworkPolicy> of(PolicyType direction) {
      return direction == PolicyType.INGRESS ? ingress : egress;
    }
  }

  /** A pod or namespace selector peer of some rule, numbered. */
  public record SelectorPeer(
      int id, NetworkPolicy policy, PolicyType direction, int rule, PolicyPeer peer) {}

  /** A named port some rule uses. */
  public record NamedPort(String name, Protocol protocol) {}

  private final ClusterState state;
  private final ClusterIndex cluster;
  private final Map<String, Map<String, String>> namespaceLabels = new LinkedHashMap<>();
  private final Map<String, List<NetworkPolicy>> policiesByNamespace = new HashMap<>();
  private final Map<NetworkPolicy, Integer> policyIds = new IdentityHashMap<>();
  private final Map<IpBlock, IpBlockRange> ipBlocks = new IdentityHashMap<>();
  private final List<SelectorPeer> selectorPeers = new ArrayList<>();
  private final Map<NetworkPolicy, List<SelectorPeer>> peersByPolicy = new IdentityHashMap<>();
  private final Map<String, List<SelectorPeer>> peersWithoutNamespaceSelector = new HashMap<>();
  private final Map<LabelSelector, List<SelectorPeer>> peersByNamespaceSelector =
      new LinkedHashMap<>();
  private final List<NamedPort> namedPorts;
  private final BigInteger[] v4Bounds;
  private final BigInteger[] v6Bounds;
  private final Map<String, Node> nodesByAddress = new HashMap<>();
  private final Map<String, Integer> nodeIds = new HashMap<>();
  private final Set<String> nodesWithHostNetworkPods = new java.util.HashSet<>();

  private final ConcurrentHashMap<PodRef, Selection> selections = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<LabelSelector, Set<String>> namespacesBySelector =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<SelectorPeer>> peersByNamespace =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<SelectorPeer, List<Pod>> podsByPeer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, BigInteger> addressNumbers = new ConcurrentHashMap<>();

  private PolicyIndex(ClusterState state) {
    this.state = state;
    this.cluster = ClusterIndex.of(state);
    state.namespaces().forEach(ns -> namespaceLabels.put(ns.name(), ns.labels()));
    for (Pod pod : state.pods()) {
      // a namespace only known from its pods still carries the name label
      namespaceLabels.computeIfAbsent(pod.namespace(), n -> Map.of(Namespace.NAME_LABEL, n));
      if (!pod.nodeName().isEmpty()) {
        nodeIds.putIfAbsent(pod.nodeName(), nodeIds.size());
        if (pod.hostNetwork()) {
          nodesWithHostNetworkPods.add(pod.nodeName());
        }
      }
    }
    for (Node node : state.nodes()) {
      for (String address : List.of(node.internalIp(), node.externalIp())) {
        if (address != null && !address.isEmpty()) {
          nodesByAddress.putIfAbsent(address, node);
        }
      }
    }
    Set<NamedPort> named = new LinkedHashSet<>();
    TreeSet<BigInteger> v4 = new TreeSet<>();
    TreeSet<BigInteger> v6 = new TreeSet<>();
    List<NetworkPolicy> policies = state.networkPolicies();
    for (int id = 0; id < policies.size(); id++) {
      NetworkPolicy policy = policies.get(id);
      policyIds.put(policy, id);
      policiesByNamespace.computeIfAbsent(policy.namespace(), n -> new ArrayList<>()).add(policy);
      for (PolicyType direction : PolicyType.values()) {
        List<PolicyRule> rules =
            direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
        for (int r = 0; r < rules.size(); r++) {
          for (PolicyPeer peer : rules.get(r).peers()) {
            if (peer.ipBlock() != null) {
              IpBlockRange range = IpBlockRange.of(peer.ipBlock());
              ipBlocks.put(peer.ipBlock(), range);
              addBounds(range.cidr(), v4, v6);
              range.except().forEach(e -> addBounds(e, v4, v6));
            } else {
              SelectorPeer selectorPeer =
                  new SelectorPeer(selectorPeers.size(), policy, direction, r, peer);
              selectorPeers.add(selectorPeer);
              peersByPolicy.computeIfAbsent(policy, x -> new ArrayList<>()).add(selectorPeer);
              if (peer.namespaceSelector() == null) {
                peersWithoutNamespaceSelector
                    .computeIfAbsent(policy.namespace(), n -> new ArrayList<>())
                    .add(selectorPeer);
              } else {
                peersByNamespaceSelector
                    .computeIfAbsent(peer.namespaceSelector(), s -> new ArrayList<>())
                    .add(selectorPeer);
              }
            }
          }
          for (PolicyPort port : rules.get(r).ports()) {
            if (port.port() != null && port.port().isNamed()) {
              named.add(new NamedPort(port.port().name(), port.protocol()));
            }
          }
        }
      }
    }
    policiesByNamespace
        .values()
        .forEach(list -> list.sort(Comparator.comparing(NetworkPolicy::name)));
    this.namedPorts = List.copyOf(named);
    this.v4Bounds = v4.toArray(BigInteger[]::new);
    this.v6Bounds = v6.toArray(BigInteger[]::new);
  }

  public static PolicyIndex of(ClusterState state) {
    return new PolicyIndex(state);
  }

  public ClusterState state() {
    return state;
  }

  public ClusterIndex cluster() {
    return cluster;
  }

  public Map<String, String> namespaceLabels(String namespace) {
    Map<String, String> labels = namespaceLabels.get(namespace);
    return labels != null ? labels : Map.of(Namespace.NAME_LABEL, namespace);
  }

  /** The policies of a namespace, sorted by name. */
  public List<NetworkPolicy> policiesIn(String namespace) {
    return policiesByNamespace.getOrDefault(namespace, List.of());
  }

  public int policyId(NetworkPolicy policy) {
    Integer id = policyIds.get(policy);
    return id == null ? -1 : id;
  }

  /** The policies that select a pod of this state, per direction (memoized per pod). */
  public Selection selecting(Pod pod) {
    return selections.computeIfAbsent(
        pod.ref(),
        ref -> {
          List<NetworkPolicy> ingress = new ArrayList<>(2);
          List<NetworkPolicy> egress = new ArrayList<>(2);
          for (NetworkPolicy policy : policiesIn(pod.namespace())) {
            if (policy.podSelector().matches(pod.labels())) {
              if (policy.affects(PolicyType.INGRESS)) {
                ingress.add(policy);
              }
              if (policy.affects(PolicyType.EGRESS)) {
                egress.add(policy);
              }
            }
          }
          return new Selection(List.copyOf(ingress), List.copyOf(egress));
        });
  }

  /** Whether a namespace selector matches the namespace (memoized per selector). */
  public boolean namespaceMatches(LabelSelector selector, String namespace) {
    if (selector.isEmpty()) {
      return true;
    }
    Set<String> matching = namespacesMatching(selector);
    return matching.contains(namespace)
        || (!namespaceLabels.containsKey(namespace)
            && selector.matches(namespaceLabels(namespace)));
  }

  /** The known namespaces a selector matches. */
  public Set<String> namespacesMatching(LabelSelector selector) {
    return namespacesBySelector.computeIfAbsent(
        selector,
        s -> {
          Set<String> out = new LinkedHashSet<>();
          namespaceLabels.forEach(
              (name, labels) -> {
                if (s.matches(labels)) {
                  out.add(name);
                }
              });
          return Set.copyOf(out);
        });
  }

  /** The node that has this address (internal or external), if any. */
  public java.util.Optional<Node> nodeWithAddress(String address) {
    return java.util.Optional.ofNullable(nodesByAddress.get(address));
  }

  /**
   * Whether ingress from {@code source} to {@code subject} comes from the subject's own node, which
   * Kubernetes always lets in: the source is a pod whose traffic is node traffic (a hostNetwork pod
   * outside pod policy) scheduled on the subject's node. Addresses are judged by the evaluator,
   * which knows the node addresses ({@link #nodeWithAddress}).
   */
  public static boolean fromOwnNode(Pod subject, Pod source, Semantics semantics) {
    return source != null
        && onKnownNode(subject)
        && !semantics.treatsAsPod(source)
        && source.nodeName().equals(subject.nodeName());
  }

  /**
   * Whether the pod's node is one it really shares with others: not unscheduled, and not the
   * stand-in node that a dump without Node objects puts every unplaced pod on (sharing it says
   * nothing about where the pods run, so it must not exempt their traffic).
   */
  public static boolean onKnownNode(Pod pod) {
    return !pod.nodeName().isEmpty() && !pod.nodeName().equals(Node.STAND_IN);
  }

  /** The parsed form of an ipBlock. */
  public IpBlockRange ipBlock(IpBlock block) {
    IpBlockRange range = ipBlocks.get(block);
    return range != null ? range : IpBlockRange.of(block);
  }

  /** An address as a number (memoized). */
  public BigInteger addressNumber(String address) {
    return addressNumbers.computeIfAbsent(address, IpAddresses::toNumber);
  }

  public List<SelectorPeer> selectorPeers() {
    return selectorPeers;
  }

  /** The selector peers whose namespace condition a namespace meets (memoized per namespace). */
  public List<SelectorPeer> peersApplicableIn(String namespace) {
    return peersByNamespace.computeIfAbsent(
        namespace,
        ns -> {
          List<SelectorPeer> out =
              new ArrayList<>(peersWithoutNamespaceSelector.getOrDefault(ns, List.of()));
          peersByNamespaceSelector.forEach(
              (selector, peers) -> {
                if (namespaceMatches(selector, ns)) {
                  out.addAll(peers);
                }
              });
          out.sort(Comparator.comparingInt(SelectorPeer::id));
          return List.copyOf(out);
        });
  }

  /** The pods a selector peer selects (memoized). */
  public List<Pod> podsSelectedBy(SelectorPeer peer) {
    return podsByPeer.computeIfAbsent(
        peer,
        p -> {
          PolicyPeer pp = p.peer();
          List<String> namespaces =
              pp.namespaceSelector() == null
                  ? List.of(p.policy().namespace())
                  : List.copyOf(namespacesMatching(pp.namespaceSelector()));
          List<Pod> out = new ArrayList<>();
          for (String ns : namespaces) {
            for (Pod pod : cluster.podsInNamespace(ns)) {
              if (pp.podSelector() == null || pp.podSelector().matches(pod.labels())) {
                out.add(pod);
              }
            }
          }
          return List.copyOf(out);
        });
  }

  /** The pods a policy's podSelector selects. */
  public List<Pod> podsSelectedBy(NetworkPolicy policy) {
    List<Pod> out = new ArrayList<>();
    for (Pod pod : cluster.podsInNamespace(policy.namespace())) {
      if (policy.podSelector().matches(pod.labels())) {
        out.add(pod);
      }
    }
    return out;
  }

  public List<NamedPort> namedPorts() {
    return namedPorts;
  }

  /**
   * Keys that are equal for two pods iff the policies treat them alike in one role: as the subject
   * of egress (selecting egress policies, hostNetwork), as the target of egress (the egress peers
   * matching them, their named ports, their ipBlock interval), as the subject of ingress (selecting
   * ingress policies, hostNetwork, named ports) and as the source peer of ingress (the ingress
   * peers matching them, their ipBlock interval). The interval is that of the split of the address
   * space at every ipBlock boundary, and counts only when ipBlocks match the pod. A hostNetwork pod
   * outside pod policy is matched by no selector peer; as its traffic is node traffic, which a pod
   * on the same node always admits, its node is part of its ingress source key, and the node of an
   * ingress-isolated pod is part of its subject key when that node runs such pods.
   */
  public DirectionKeys directionKeys(Pod pod, Semantics semantics) {
    boolean asPod = semantics.treatsAsPod(pod);
    Selection selection = selecting(pod);
    int[] named = new int[namedPorts.size()];
    for (int i = 0; i < named.length; i++) {
      NamedPort port = namedPorts.get(i);
      named[i] =
          pod.namedPort(port.name(), port.protocol()).map(ContainerPort::containerPort).orElse(-1);
    }
    int[] intervals = semantics.ipBlockMatchesPods() || !asPod ? intervals(pod) : new int[0];
    List<SelectorPeer> applicable = asPod ? peersApplicableIn(pod.namespace()) : List.of();
    int[] egressPeers = new int[applicable.size()];
    int[] ingressPeers = new int[applicable.size()];
    int e = 0;
    int in = 0;
    for (SelectorPeer peer : applicable) {
      LabelSelector selector = peer.peer().podSelector();
      if (selector == null || selector.matches(pod.labels())) {
        if (peer.direction() == PolicyType.EGRESS) {
          egressPeers[e++] = peer.id();
        } else {
          ingressPeers[in++] = peer.id();
        }
      }
    }
    int host = asPod ? 0 : 1;
    int[] egressIds = Arrays.copyOf(egressPeers, e);
    int[] ingressIds = Arrays.copyOf(ingressPeers, in);
    // Ingress from a pod's own node is always allowed: an isolated pod on a node with node-traffic
    // (hostNetwork) pods, and such a pod as a source, are told apart by their node.
    int[] subjectNode =
        asPod
                && !selection.ingress().isEmpty()
                && !semantics.hostNetworkPodsAsPods()
                && nodesWithHostNetworkPods.contains(pod.nodeName())
            ? new int[] {nodeIds.get(pod.nodeName())}
            : new int[0];
    int[] sourceNode =
        !asPod && !pod.nodeName().isEmpty() ? new int[] {nodeIds.get(pod.nodeName())} : new int[0];
    return new DirectionKeys(
        BehaviourKey.of(new int[] {host}, ids(selection.egress())),
        BehaviourKey.of(new int[] {host}, egressIds, named, intervals),
        BehaviourKey.of(new int[] {host}, ids(selection.ingress()), named, subjectNode),
        BehaviourKey.of(new int[] {host}, ingressIds, intervals, sourceNode),
        egressIds,
        ingressIds);
  }

  /**
   * The four role keys of a pod (see {@link #directionKeys}), and the ids of the egress and ingress
   * selector peers that match it (sorted).
   */
  public record DirectionKeys(
      BehaviourKey egressSubject,
      BehaviourKey egressTarget,
      BehaviourKey ingressSubject,
      BehaviourKey ingressTarget,
      int[] egressPeerIds,
      int[] ingressPeerIds) {}

  /** The selector peers of one rule, in order (ipBlock peers are not among them). */
  public List<SelectorPeer> selectorPeersOf(NetworkPolicy policy, PolicyType direction, int rule) {
    List<SelectorPeer> out = new ArrayList<>(2);
    for (SelectorPeer peer : peersByPolicy.getOrDefault(policy, List.of())) {
      if (peer.direction() == direction && peer.rule() == rule) {
        out.add(peer);
      }
    }
    return out;
  }

  private int[] ids(List<NetworkPolicy> policies) {
    int[] out = new int[policies.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = policyId(policies.get(i));
    }
    return out;
  }

  private int[] intervals(Pod pod) {
    int[] out = new int[pod.podIps().size()];
    for (int i = 0; i < out.length; i++) {
      String ip = pod.podIps().get(i);
      boolean v6 = IpAddresses.isV6(ip);
      int slot = Arrays.binarySearch(v6 ? v6Bounds : v4Bounds, addressNumber(ip));
      // intervals are [bound i, bound i+1): a hit on bound i lies in the same one as values after
      // it
      int interval = slot >= 0 ? slot + 1 : -slot - 1;
      out[i] = v6 ? -1 - interval : interval;
    }
    return out;
  }

  /** An opaque value compared by content; see {@link #directionKeys}. */
  public static final class BehaviourKey {
    private final int[] parts;
    private final int hash;

    private BehaviourKey(int[] parts) {
      this.parts = parts;
      this.hash = Arrays.hashCode(parts);
    }

    /** The concatenation of the parts, each followed by a separator no id can take. */
    static BehaviourKey of(int[]... parts) {
      int length = 0;
      for (int[] part : parts) {
        length += part.length + 1;
      }
      int[] all = new int[length];
      int n = 0;
      for (int[] part : parts) {
        System.arraycopy(part, 0, all, n, part.length);
        n += part.length;
        all[n++] = Integer.MIN_VALUE;
      }
      return new BehaviourKey(all);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BehaviourKey other
          && hash == other.hash
          && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private static void addBounds(
      IpBlockRange.AddressRange range, Set<BigInteger> v4, Set<BigInteger> v6) {
    if (!range.isValid()) {
      return;
    }
    Set<BigInteger> target = range.v6() ? v6 : v4;
    target.add(range.first());
    target.add(range.last().add(BigInteger.ONE));
  }
}
