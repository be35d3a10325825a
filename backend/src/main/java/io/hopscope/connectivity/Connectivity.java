package io.hopscope.connectivity;

import io.hopscope.connectivity.ConnectivityAnalyzer.Roles;
import io.hopscope.connectivity.ConnectivityPeer.IpRange;
import io.hopscope.connectivity.ConnectivityPeer.Workload;
import io.hopscope.policy.ConnectionSet;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.internal.PeerMatcher;
import io.hopscope.policy.internal.PolicyIndex;
import io.hopscope.policy.internal.PolicyIndex.SelectorPeer;
import io.hopscope.policy.internal.PortMatcher;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The all-pairs connectivity of one state: workloads, the IP ranges as sources and as destinations,
 * and the connections between them. Compact: connections are computed from tables indexed by role
 * keys, filled lazily. The table entries are immutable values, so concurrent readers at worst
 * compute one twice. Lines come sorted by source then destination label; self pairs and IP-to-IP
 * pairs are omitted, as are pairs without connections.
 */
public final class Connectivity {

  private static final int EGRESS_SUBJECT = 0;
  private static final int EGRESS_TARGET = 1;
  private static final int INGRESS_SUBJECT = 2;
  private static final int INGRESS_SOURCE = 3;

  private final PolicyEvaluator evaluator;
  private final Semantics semantics;
  private final List<Workload> workloads;
  private final int[] groupOfWorkload;
  private final List<int[][]> groups;
  private final Roles egressSubjects;
  private final Roles egressTargets;
  private final Roles ingressSubjects;
  private final Roles ingressSources;
  private final List<IpRange> sourceRanges;
  private final List<IpRange> destinationRanges;
  private final ConnectionSet[][] egress;
  private final ConnectionSet[][] ingress;
  private final ConnectionSet[][] egressToRange;
  private final ConnectionSet[][] ingressFromRange;
  private static final int[] NO_ROLES = new int[0];
  private volatile Map<Integer, int[]> egressPostings;
  private volatile Map<Integer, int[]> ingressPostings;

  Connectivity(
      PolicyEvaluator evaluator,
      Semantics semantics,
      List<Workload> workloads,
      int[] groupOfWorkload,
      List<int[][]> groups,
      Roles egressSubjects,
      Roles egressTargets,
      Roles ingressSubjects,
      Roles ingressSources,
      List<IpRange> sourceRanges,
      List<IpRange> destinationRanges) {
    this.evaluator = evaluator;
    this.semantics = semantics;
    this.workloads = List.copyOf(workloads);
    this.groupOfWorkload = groupOfWorkload;
    this.groups = groups;
    this.egressSubjects = egressSubjects;
    this.egressTargets = egressTargets;
    this.ingressSubjects = ingressSubjects;
    this.ingressSources = ingressSources;
    this.sourceRanges = List.copyOf(sourceRanges);
    this.destinationRanges = List.copyOf(destinationRanges);
    this.egress = new ConnectionSet[egressSubjects.size()][];
    this.ingress = new ConnectionSet[ingressSubjects.size()][];
    this.egressToRange = new ConnectionSet[egressSubjects.size()][];
    this.ingressFromRange = new ConnectionSet[ingressSubjects.size()][];
  }

  /** The semantics used for the implementation-defined cases. */
  public Semantics semantics() {
    return semantics;
  }

  public boolean ipBlockMatchesPods() {
    return semantics.ipBlockMatchesPods();
  }

  /** Every workload, sorted by label. */
  public List<Workload> workloads() {
    return workloads;
  }

  /** The split of the address space by ingress ipBlocks (ranges as sources). */
  public List<IpRange> sourceRanges() {
    return sourceRanges;
  }

  /** The split of the address space by egress ipBlocks (ranges as destinations). */
  public List<IpRange> destinationRanges() {
    return destinationRanges;
  }

  /** How many groups of workloads behave alike (the size of the problem actually solved). */
  public int workloadGroups() {
    return groups.size();
  }

  /**
   * How many distinct role keys pods have (egress subject, egress target, ingress subject, ingress
   * source).
   */
  public int[] roleCounts() {
    return new int[] {
      egressSubjects.size(), egressTargets.size(), ingressSubjects.size(), ingressSources.size()
    };
  }

  /** Every line, in order. */
  public List<Connection> connections() {
    List<Connection> out = new ArrayList<>();
    forEachConnection(out::add);
    return Collections.unmodifiableList(out);
  }

  /** Streams the lines in order, without materializing them. */
  public void forEachConnection(Consumer<Connection> consumer) {
    List<Object[]> sources = new ArrayList<>();
    for (int w = 0; w < workloads.size(); w++) {
      sources.add(new Object[] {workloads.get(w), w});
    }
    List<Object[]> destinations = new ArrayList<>(sources);
    for (int r = 0; r < sourceRanges.size(); r++) {
      sources.add(new Object[] {sourceRanges.get(r), r});
    }
    for (int r = 0; r < destinationRanges.size(); r++) {
      destinations.add(new Object[] {destinationRanges.get(r), r});
    }
    sources.sort((a, b) -> ((ConnectivityPeer) a[0]).compareTo((ConnectivityPeer) b[0]));
    destinations.sort((a, b) -> ((ConnectivityPeer) a[0]).compareTo((ConnectivityPeer) b[0]));
    for (Object[] src : sources) {
      for (Object[] dst : destinations) {
        ConnectionSet set = between(src, dst);
        if (set != null && !set.isEmpty()) {
          consumer.accept(
              new Connection((ConnectivityPeer) src[0], (ConnectivityPeer) dst[0], set));
        }
      }
    }
  }

  /**
   * The group of the workload at {@code workload} in {@link #workloads()}: all workloads of one
   * group connect alike, to and from every other workload.
   */
  public int groupOf(int workload) {
    return groupOfWorkload[workload];
  }

  /**
   * What the workload at index {@code from} of {@link #workloads()} may open to the one at {@code
   * to}; nothing from a workload to itself (connlist has no such lines).
   */
  public ConnectionSet between(int from, int to) {
    return from == to
        ? ConnectionSet.NONE
        : groupToGroup(groupOfWorkload[from], groupOfWorkload[to]);
  }

  /** The number of ordered pairs of distinct workloads with some connection. */
  public long allowedWorkloadPairs() {
    int count = groups.size();
    long[] sizes = new long[count];
    for (int g : groupOfWorkload) {
      sizes[g]++;
    }
    long pairs = 0;
    for (int g1 = 0; g1 < count; g1++) {
      int[][] from = groups.get(g1);
      for (int g2 = 0; g2 < count; g2++) {
        int[][] to = groups.get(g2);
        // the common case, one role tuple per group, without allocating
        boolean connected =
            from.length == 1 && to.length == 1
                ? overlaps(
                    egress(from[0][EGRESS_SUBJECT], to[0][EGRESS_TARGET]),
                    ingress(to[0][INGRESS_SUBJECT], from[0][INGRESS_SOURCE]))
                : !groupToGroup(g1, g2).isEmpty();
        if (connected) {
          pairs += g1 == g2 ? sizes[g1] * (sizes[g1] - 1) : sizes[g1] * sizes[g2];
        }
      }
    }
    return pairs;
  }

  private static boolean overlaps(ConnectionSet a, ConnectionSet b) {
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    return a.isAll() || b.isAll() || !a.intersect(b).isEmpty();
  }

  private ConnectionSet between(Object[] src, Object[] dst) {
    boolean srcRange = src[0] instanceof IpRange;
    boolean dstRange = dst[0] instanceof IpRange;
    int s = (Integer) src[1];
    int d = (Integer) dst[1];
    if (srcRange && dstRange) {
      return null;
    }
    if (srcRange) {
      return rangeToGroup(s, groupOfWorkload[d]);
    }
    if (dstRange) {
      return groupToRange(groupOfWorkload[s], d);
    }
    return s == d ? null : groupToGroup(groupOfWorkload[s], groupOfWorkload[d]);
  }

  private ConnectionSet groupToGroup(int g1, int g2) {
    ConnectionSet out = ConnectionSet.ALL;
    for (int[] from : groups.get(g1)) {
      for (int[] to : groups.get(g2)) {
        out =
            out.intersect(egress(from[EGRESS_SUBJECT], to[EGRESS_TARGET]))
                .intersect(ingress(to[INGRESS_SUBJECT], from[INGRESS_SOURCE]));
        if (out.isEmpty()) {
          return out;
        }
      }
    }
    return out;
  }

  private ConnectionSet rangeToGroup(int range, int group) {
    ConnectionSet out = ConnectionSet.ALL;
    for (int[] to : groups.get(group)) {
      int subject = to[INGRESS_SUBJECT];
      if (ingressFromRange[subject] == null) {
        ingressFromRange[subject] = new ConnectionSet[sourceRanges.size()];
      }
      ConnectionSet set = ingressFromRange[subject][range];
      if (set == null) {
        set =
            evaluate(
                PolicyType.INGRESS, ip(sourceRanges.get(range)), ingressSubjects.endpoint(subject));
        ingressFromRange[subject][range] = set;
      }
      out = out.intersect(set);
    }
    return out;
  }

  private ConnectionSet groupToRange(int group, int range) {
    ConnectionSet out = ConnectionSet.ALL;
    for (int[] from : groups.get(group)) {
      int subject = from[EGRESS_SUBJECT];
      if (egressToRange[subject] == null) {
        egressToRange[subject] = new ConnectionSet[destinationRanges.size()];
      }
      ConnectionSet set = egressToRange[subject][range];
      if (set == null) {
        set =
            evaluate(
                PolicyType.EGRESS,
                egressSubjects.endpoint(subject),
                ip(destinationRanges.get(range)));
        egressToRange[subject][range] = set;
      }
      out = out.intersect(set);
    }
    return out;
  }

  private ConnectionSet egress(int subject, int target) {
    ConnectionSet[] row = egress[subject];
    if (row == null) {
      row = row(PolicyType.EGRESS, egressSubjects.representatives.get(subject), egressTargets);
      egress[subject] = row;
    }
    return row[target];
  }

  private ConnectionSet ingress(int subject, int source) {
    ConnectionSet[] row = ingress[subject];
    if (row == null) {
      row = row(PolicyType.INGRESS, ingressSubjects.representatives.get(subject), ingressSources);
      ingress[subject] = row;
    }
    return row[source];
  }

  /**
   * What one subject's policies of a direction allow towards every target role: the rules are
   * matched against roles through the selector peers each role matches (postings), ipBlock peers
   * through the evaluator's matcher on the role's representative pod; ports as the evaluator
   * computes them (named ports resolved on the destination).
   */
  private ConnectionSet[] row(
      PolicyType direction, Pod subject, ConnectivityAnalyzer.Roles targets) {
    PolicyIndex index = evaluator.index();
    ConnectionSet[] row = new ConnectionSet[targets.size()];
    List<NetworkPolicy> policies =
        semantics.treatsAsPod(subject) ? index.selecting(subject).of(direction) : List.of();
    if (policies.isEmpty()) {
      Arrays.fill(row, ConnectionSet.ALL);
      return row;
    }
    Arrays.fill(row, ConnectionSet.NONE);
    Map<Integer, int[]> postings =
        direction == PolicyType.EGRESS ? egressPostings() : ingressPostings();
    BitSet hit = new BitSet(row.length);
    for (NetworkPolicy policy : policies) {
      List<PolicyRule> rules = direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
      for (int r = 0; r < rules.size(); r++) {
        PolicyRule rule = rules.get(r);
        hit.clear();
        if (rule.peers().isEmpty()) {
          hit.set(0, row.length);
        } else {
          for (SelectorPeer peer : index.selectorPeersOf(policy, direction, r)) {
            for (int t : postings.getOrDefault(peer.id(), NO_ROLES)) {
              hit.set(t);
            }
          }
          for (PolicyPeer peer : rule.peers()) {
            if (peer.ipBlock() == null) {
              continue;
            }
            for (int t = 0; t < row.length; t++) {
              Pod target = targets.representatives.get(t);
              if (!hit.get(t)
                  && PeerMatcher.match(
                          index, peer, policy.namespace(), target, target.primaryIp(), semantics)
                      == null) {
                hit.set(t);
              }
            }
          }
        }
        boolean perTarget =
            direction == PolicyType.EGRESS
                && rule.ports().stream().anyMatch(p -> p.port() != null && p.port().isNamed());
        ConnectionSet ports = perTarget ? null : PortMatcher.connections(rule.ports(), subject);
        for (int t = hit.nextSetBit(0); t >= 0; t = hit.nextSetBit(t + 1)) {
          ConnectionSet allowed =
              perTarget
                  ? PortMatcher.connections(rule.ports(), targets.representatives.get(t))
                  : ports;
          row[t] = row[t].union(allowed);
        }
      }
    }
    if (direction == PolicyType.INGRESS) {
      // node traffic from the subject's own node is always let in (the role keys carry the node)
      for (int t = 0; t < row.length; t++) {
        if (PolicyIndex.fromOwnNode(subject, targets.representatives.get(t), semantics)) {
          row[t] = ConnectionSet.ALL;
        }
      }
    }
    return row;
  }

  private Map<Integer, int[]> egressPostings() {
    Map<Integer, int[]> p = egressPostings;
    if (p == null) {
      p = egressTargets.postings();
      egressPostings = p;
    }
    return p;
  }

  private Map<Integer, int[]> ingressPostings() {
    Map<Integer, int[]> p = ingressPostings;
    if (p == null) {
      p = ingressSources.postings();
      ingressPostings = p;
    }
    return p;
  }

  private ConnectionSet evaluate(PolicyType direction, PolicyEndpoint from, PolicyEndpoint to) {
    return evaluator.allowedConnections(direction, from, to, semantics);
  }

  private static PolicyEndpoint ip(IpRange range) {
    return new PolicyEndpoint.IpPeer(range.first());
  }
}
