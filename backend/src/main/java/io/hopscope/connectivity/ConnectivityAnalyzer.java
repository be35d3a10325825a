package io.hopscope.connectivity;

import io.hopscope.connectivity.ConnectivityPeer.IpRange;
import io.hopscope.connectivity.ConnectivityPeer.Workload;
import io.hopscope.policy.PolicyEndpoint;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.Semantics;
import io.hopscope.policy.internal.PolicyIndex;
import io.hopscope.policy.internal.PolicyIndex.BehaviourKey;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Owner;
import io.hopscope.topology.Pod;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes all-pairs connectivity between workloads and IP ranges. Pods are reduced to four role
 * keys (egress subject and target, ingress subject and source; see {@link
 * PolicyIndex#directionKeys}); the policies are evaluated once per pair of distinct keys on
 * representative pods, never per pair of pods. A workload's connection to another is what every pod
 * of the one may open to every pod of the other (the intersection).
 */
public final class ConnectivityAnalyzer {

  private ConnectivityAnalyzer() {}

  /** Analyzes with ipBlocks matching pods or not, and hostNetwork pods outside pod policy. */
  public static Connectivity analyze(PolicyEvaluator evaluator, boolean ipBlockMatchesPods) {
    return analyze(evaluator, Semantics.ipBlockMatchesPods(ipBlockMatchesPods));
  }

  public static Connectivity analyze(PolicyEvaluator evaluator, Semantics semantics) {
    PolicyIndex index = evaluator.index();
    Roles egressSubjects = new Roles();
    Roles egressTargets = new Roles();
    Roles ingressSubjects = new Roles();
    Roles ingressSources = new Roles();
    Map<Workload, List<int[]>> podsByWorkload = new TreeMap<>();
    for (Pod pod : index.state().pods()) {
      PolicyIndex.DirectionKeys keys = index.directionKeys(pod, semantics);
      int[] roles = {
        egressSubjects.id(keys.egressSubject(), pod, null),
            egressTargets.id(keys.egressTarget(), pod, keys.egressPeerIds()),
        ingressSubjects.id(keys.ingressSubject(), pod, null),
            ingressSources.id(keys.ingressTarget(), pod, keys.ingressPeerIds())
      };
      podsByWorkload.computeIfAbsent(workloadOf(pod), w -> new ArrayList<>()).add(roles);
    }
    // workloads whose pods have the same role keys form one group
    Map<RoleSet, Integer> groupIds = new LinkedHashMap<>();
    List<int[][]> groups = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>(podsByWorkload.keySet());
    int[] groupOfWorkload = new int[workloads.size()];
    for (int w = 0; w < workloads.size(); w++) {
      RoleSet set = RoleSet.of(podsByWorkload.get(workloads.get(w)));
      Integer id = groupIds.get(set);
      if (id == null) {
        id = groups.size();
        groupIds.put(set, id);
        groups.add(set.roles);
      }
      groupOfWorkload[w] = id;
    }
    List<IpRange> sources = split(index, PolicyType.INGRESS);
    List<IpRange> destinations = split(index, PolicyType.EGRESS);
    return new Connectivity(
        evaluator,
        semantics,
        workloads,
        groupOfWorkload,
        groups,
        egressSubjects,
        egressTargets,
        ingressSubjects,
        ingressSources,
        sources,
        destinations);
  }

  /** The workload a pod belongs to. */
  public static Workload workloadOf(Pod pod) {
    Owner owner = pod.owner();
    if (owner == null || owner.name() == null || owner.name().isBlank()) {
      return new Workload(pod.namespace(), pod.name(), "Pod");
    }
    String kind = owner.kind() == null || owner.kind().isBlank() ? "Pod" : owner.kind();
    return new Workload(pod.namespace(), owner.name(), kind);
  }

  /**
   * Distinct keys of one role, each with a representative pod (and, for targets, the selector peers
   * matching it).
   */
  static final class Roles {
    private final Map<BehaviourKey, Integer> ids = new HashMap<>();
    final List<Pod> representatives = new ArrayList<>();
    final List<int[]> peerIds = new ArrayList<>();

    int id(BehaviourKey key, Pod pod, int[] matchingPeers) {
      return ids.computeIfAbsent(
          key,
          k -> {
            representatives.add(pod);
            peerIds.add(matchingPeers);
            return representatives.size() - 1;
          });
    }

    /** For each selector peer id, the roles it matches. */
    Map<Integer, int[]> postings() {
      Map<Integer, List<Integer>> lists = new HashMap<>();
      for (int role = 0; role < peerIds.size(); role++) {
        for (int peer : peerIds.get(role)) {
          lists.computeIfAbsent(peer, p -> new ArrayList<>()).add(role);
        }
      }
      Map<Integer, int[]> out = new HashMap<>();
      lists.forEach(
          (peer, roles) -> out.put(peer, roles.stream().mapToInt(Integer::intValue).toArray()));
      return out;
    }

    PolicyEndpoint endpoint(int id) {
      return new PolicyEndpoint.PodPeer(representatives.get(id));
    }

    int size() {
      return representatives.size();
    }
  }

  /** The distinct role tuples of a workload's pods, sorted. */
  private static final class RoleSet {
    final int[][] roles;
    private final int hash;

    private RoleSet(int[][] roles) {
      this.roles = roles;
      this.hash = Arrays.deepHashCode(roles);
    }

    static RoleSet of(List<int[]> pods) {
      TreeSet<int[]> distinct = new TreeSet<>(Arrays::compare);
      distinct.addAll(pods);
      return new RoleSet(distinct.toArray(int[][]::new));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RoleSet other
          && hash == other.hash
          && Arrays.deepEquals(roles, other.roles);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The split of the address space at every boundary of the ipBlocks of one direction's rules
   * (CIDRs and excepts): IPv4 always, IPv6 only when some ipBlock is IPv6.
   */
  static List<IpRange> split(PolicyIndex index, PolicyType direction) {
    TreeSet<BigInteger> v4 = new TreeSet<>(List.of(BigInteger.ZERO, BigInteger.ONE.shiftLeft(32)));
    TreeSet<BigInteger> v6 = new TreeSet<>();
    for (NetworkPolicy policy : index.state().networkPolicies()) {
      for (PolicyRule rule : direction == PolicyType.INGRESS ? policy.ingress() : policy.egress()) {
        for (PolicyPeer peer : rule.peers()) {
          if (peer.ipBlock() == null) {
            continue;
          }
          var block = index.ipBlock(peer.ipBlock());
          List<io.hopscope.policy.internal.IpBlockRange.AddressRange> ranges =
              new ArrayList<>(block.except());
          ranges.add(block.cidr());
          for (var range : ranges) {
            if (!range.isValid()) {
              continue;
            }
            if (range.v6() && v6.isEmpty()) {
              v6.addAll(List.of(BigInteger.ZERO, BigInteger.ONE.shiftLeft(128)));
            }
            TreeSet<BigInteger> bounds = range.v6() ? v6 : v4;
            bounds.add(range.first());
            bounds.add(range.last().add(BigInteger.ONE));
          }
        }
      }
    }
    List<IpRange> out = new ArrayList<>();
    addRanges(v4, false, out);
    addRanges(v6, true, out);
    return out;
  }

  private static void addRanges(TreeSet<BigInteger> bounds, boolean v6, List<IpRange> out) {
    BigInteger previous = null;
    for (BigInteger bound : bounds) {
      if (previous != null) {
        out.add(
            new IpRange(
                Addresses.text(previous, v6), Addresses.text(bound.subtract(BigInteger.ONE), v6)));
      }
      previous = bound;
    }
  }
}
