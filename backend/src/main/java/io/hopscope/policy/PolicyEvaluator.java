package io.hopscope.policy;

import io.hopscope.policy.PolicyEndpoint.IpPeer;
import io.hopscope.policy.PolicyEndpoint.PodPeer;
import io.hopscope.policy.Verdict.DirectionVerdict;
import io.hopscope.policy.Verdict.PolicyResult;
import io.hopscope.policy.Verdict.RuleRef;
import io.hopscope.policy.Verdict.RuleResult;
import io.hopscope.policy.internal.PeerMatcher;
import io.hopscope.policy.internal.PolicyIndex;
import io.hopscope.policy.internal.PortMatcher;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges connections against the NetworkPolicies of one {@link ClusterState}. Build once per state
 * (indexes are computed here), then query many times; thread-safe.
 *
 * <p>A connection is allowed iff egress is allowed at the source and ingress at the destination. A
 * direction is allowed when the pod is not isolated for it, or when some rule of some selecting
 * policy admits the connection. Policy does not apply to an end that is an address outside the
 * pods, nor to a hostNetwork pod, nor to ingress from the pod's own node (an address of that node,
 * or a hostNetwork pod on it): Kubernetes always lets that in so that kubelet probes work. Egress
 * to the own node is judged like any other.
 */
public final class PolicyEvaluator {

  private final ClusterState state;
  private final PolicyIndex index;

  private PolicyEvaluator(ClusterState state) {
    this.state = state;
    this.index = PolicyIndex.of(state);
  }

  public static PolicyEvaluator of(ClusterState state) {
    return new PolicyEvaluator(state);
  }

  public ClusterState state() {
    return state;
  }

  /** The indexes behind this evaluator, shared with the connectivity analysis and the lint. */
  public PolicyIndex index() {
    return index;
  }

  /**
   * Judges one connection. An {@link IpPeer} whose address belongs to a (non-hostNetwork) pod of
   * the state stands for that pod.
   */
  public Verdict evaluate(PolicyQuery query) {
    Protocol protocol = query.protocol() == null ? Protocol.TCP : query.protocol();
    End from = resolve(query.from());
    End to = resolve(query.to());
    Semantics semantics = query.semantics();
    boolean ipbm = semantics.ipBlockMatchesPods();
    DirectionVerdict egress =
        judge(PolicyType.EGRESS, from, to, to, query.port(), protocol, semantics);
    DirectionVerdict ingress =
        judge(PolicyType.INGRESS, to, from, to, query.port(), protocol, semantics);
    boolean allowed = egress.allowed() && ingress.allowed();
    return new Verdict(
        allowed, egress, ingress, ipbm, Explanations.sentence(allowed, egress, ingress, ipbm));
  }

  /**
   * Every connection (protocol and ports) the policies allow from one end to the other: the egress
   * connections of the source intersected with the ingress connections of the destination.
   * Addresses are taken as given (not resolved to pods).
   */
  public ConnectionSet allowedConnections(
      PolicyEndpoint from, PolicyEndpoint to, Semantics semantics) {
    End src = asGiven(from);
    End dst = asGiven(to);
    ConnectionSet egress = connections(PolicyType.EGRESS, src, dst, dst, semantics);
    if (egress.isEmpty()) {
      return egress;
    }
    return egress.intersect(connections(PolicyType.INGRESS, dst, src, dst, semantics));
  }

  /**
   * The connections one direction's policies allow from one end to the other: for {@code EGRESS}
   * those of the source's egress policies, for {@code INGRESS} those of the destination's ingress
   * policies (all of them when the subject is not isolated).
   */
  public ConnectionSet allowedConnections(
      PolicyType direction, PolicyEndpoint from, PolicyEndpoint to, Semantics semantics) {
    End src = asGiven(from);
    End dst = asGiven(to);
    return direction == PolicyType.EGRESS
        ? connections(PolicyType.EGRESS, src, dst, dst, semantics)
        : connections(PolicyType.INGRESS, dst, src, dst, semantics);
  }

  /** One end: a pod (maybe null) and the address it is seen with. */
  private record End(Pod pod, String address) {
    String name() {
      return pod != null ? pod.ref().toString() : address;
    }
  }

  private End resolve(PolicyEndpoint endpoint) {
    if (endpoint instanceof IpPeer ip) {
      return index
          .cluster()
          .podByIp(ip.address())
          .map(p -> new End(p, ip.address()))
          .orElse(new End(null, ip.address()));
    }
    return asGiven(endpoint);
  }

  private static End asGiven(PolicyEndpoint endpoint) {
    if (endpoint instanceof PodPeer p) {
      return new End(p.pod(), p.pod().primaryIp());
    }
    return new End(null, ((IpPeer) endpoint).address());
  }

  private List<NetworkPolicy> selecting(PolicyType direction, End subject) {
    return index.selecting(subject.pod()).of(direction);
  }

  private DirectionVerdict judge(
      PolicyType direction,
      End subject,
      End peer,
      End destination,
      int port,
      Protocol protocol,
      Semantics semantics) {
    if (subject.pod() == null) {
      return new DirectionVerdict(
          direction,
          subject.name(),
          false,
          false,
          true,
          List.of(),
          null,
          subject.name() + " is not a pod, so no pod policy applies to its " + word(direction));
    }
    if (!semantics.treatsAsPod(subject.pod())) {
      return new DirectionVerdict(
          direction,
          subject.name(),
          false,
          false,
          true,
          List.of(),
          null,
          subject.name() + " uses the host network, where NetworkPolicy is not enforced");
    }
    List<NetworkPolicy> policies = selecting(direction, subject);
    if (policies.isEmpty()) {
      return new DirectionVerdict(
          direction,
          subject.name(),
          true,
          false,
          true,
          List.of(),
          null,
          "no policy isolates " + subject.name() + " for " + word(direction));
    }
    Reason.FromOwnNode ownNode =
        direction == PolicyType.INGRESS ? fromOwnNode(subject, peer, semantics) : null;
    List<PolicyResult> results = new ArrayList<>(policies.size());
    RuleRef deciding = null;
    for (NetworkPolicy policy : policies) {
      List<PolicyRule> rules = direction == PolicyType.INGRESS ? policy.ingress() : policy.egress();
      List<RuleResult> ruleResults = new ArrayList<>(rules.size());
      boolean allows = false;
      for (int i = 0; i < rules.size(); i++) {
        PolicyRule rule = rules.get(i);
        Reason reason =
            PeerMatcher.match(
                index, rule, policy.namespace(), peer.pod(), peer.address(), semantics);
        if (reason == null) {
          reason =
              PortMatcher.match(
                  rule.ports(), port, protocol, destination.pod(), destination.name());
        }
        ruleResults.add(
            new RuleResult(direction, i, reason == null, reason == null ? "" : reason.describe()));
        if (reason == null && !allows) {
          allows = true;
          if (deciding == null) {
            deciding = new RuleRef(policy.namespace(), policy.name(), direction, i);
          }
        }
      }
      results.add(new PolicyResult(policy.namespace(), policy.name(), allows, ruleResults));
    }
    if (ownNode != null) {
      // the policies are listed as they would have judged; the exemption decides
      return new DirectionVerdict(
          direction, subject.name(), false, true, true, results, null, ownNode.describe(), ownNode);
    }
    boolean allowed = deciding != null;
    String note =
        allowed
            ? Explanations.admitted(
                direction, deciding, subject.name(), peer.name(), protocol, port)
            : Explanations.denied(direction, policies, subject.name(), peer.name(), protocol, port);
    return new DirectionVerdict(
        direction, subject.name(), true, true, allowed, results, deciding, note);
  }

  private ConnectionSet connections(
      PolicyType direction, End subject, End peer, End destination, Semantics semantics) {
    if (subject.pod() == null || !semantics.treatsAsPod(subject.pod())) {
      return ConnectionSet.ALL;
    }
    List<NetworkPolicy> policies = selecting(direction, subject);
    if (policies.isEmpty()) {
      return ConnectionSet.ALL;
    }
    // only pods here: an address stands for a range of senders, not one known node
    if (direction == PolicyType.INGRESS
        && PolicyIndex.fromOwnNode(subject.pod(), peer.pod(), semantics)) {
      return ConnectionSet.ALL;
    }
    ConnectionSet out = ConnectionSet.NONE;
    for (NetworkPolicy policy : policies) {
      for (PolicyRule rule : direction == PolicyType.INGRESS ? policy.ingress() : policy.egress()) {
        if (PeerMatcher.match(
                index, rule, policy.namespace(), peer.pod(), peer.address(), semantics)
            == null) {
          out = out.union(PortMatcher.connections(rule.ports(), destination.pod()));
          if (out.isAll()) {
            return out;
          }
        }
      }
    }
    return out;
  }

  /**
   * The exemption for ingress from the subject's own node: the peer is an address of that node
   * (internal or external), or a hostNetwork pod outside pod policy scheduled on it. Null
   * otherwise.
   */
  private Reason.FromOwnNode fromOwnNode(End subject, End peer, Semantics semantics) {
    Pod pod = subject.pod();
    if (!PolicyIndex.onKnownNode(pod)) {
      return null;
    }
    if (peer.pod() == null) {
      return index
          .nodeWithAddress(peer.address())
          .filter(node -> node.name().equals(pod.nodeName()))
          .map(node -> new Reason.FromOwnNode(node.name(), peer.address(), ""))
          .orElse(null);
    }
    if (!PolicyIndex.fromOwnNode(pod, peer.pod(), semantics)) {
      return null;
    }
    String address =
        peer.address().isEmpty()
            ? index.cluster().node(pod.nodeName()).map(n -> n.internalIp()).orElse("")
            : peer.address();
    return new Reason.FromOwnNode(pod.nodeName(), address, peer.pod().ref().toString());
  }

  static String word(PolicyType direction) {
    return direction == PolicyType.INGRESS ? "ingress" : "egress";
  }
}
