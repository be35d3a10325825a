package io.hopscope.policy.internal;

import io.hopscope.policy.Reason;
import io.hopscope.policy.Semantics;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.Pod;
import java.util.ArrayList;
import java.util.List;

/** Whether the peers of a rule ({@code from} or {@code to}) match the other end of a connection. */
public final class PeerMatcher {

  private PeerMatcher() {}

  /**
   * Null when some peer of the rule matches (or the rule has no peers), else the reason: the single
   * peer's, or every peer's when there are several.
   *
   * @param pod the other end when it is a pod, else null
   * @param address the other end's address (a pod's primary address, or the IP)
   */
  public static Reason match(
      PolicyIndex index,
      PolicyRule rule,
      String policyNamespace,
      Pod pod,
      String address,
      Semantics semantics) {
    List<PolicyPeer> peers = rule.peers();
    if (peers.isEmpty()) {
      return null;
    }
    if (peers.size() == 1) {
      return match(index, peers.get(0), policyNamespace, pod, address, semantics);
    }
    List<Reason> reasons = new ArrayList<>(peers.size());
    for (PolicyPeer peer : peers) {
      Reason reason = match(index, peer, policyNamespace, pod, address, semantics);
      if (reason == null) {
        return null;
      }
      reasons.add(reason);
    }
    return new Reason.NoPeerMatches(reasons);
  }

  /** Null when the peer matches, else why not. */
  public static Reason match(
      PolicyIndex index,
      PolicyPeer peer,
      String policyNamespace,
      Pod pod,
      String address,
      Semantics semantics) {
    if (peer.ipBlock() != null) {
      return matchIpBlock(index, peer, pod, address, semantics);
    }
    if (pod == null) {
      return new Reason.NotAPod(address);
    }
    if (!semantics.treatsAsPod(pod)) {
      return new Reason.HostNetworkPeer(pod.ref());
    }
    if (peer.namespaceSelector() == null) {
      if (!pod.namespace().equals(policyNamespace)) {
        return new Reason.OutsidePolicyNamespace(pod.ref(), policyNamespace);
      }
    } else if (!index.namespaceMatches(peer.namespaceSelector(), pod.namespace())) {
      return new Reason.NamespaceMismatch(pod.namespace(), peer.namespaceSelector());
    }
    if (peer.podSelector() != null && !peer.podSelector().matches(pod.labels())) {
      return new Reason.PodSelectorMismatch(pod.ref(), peer.podSelector());
    }
    return null;
  }

  private static Reason matchIpBlock(
      PolicyIndex index, PolicyPeer peer, Pod pod, String address, Semantics semantics) {
    IpBlockRange block = index.ipBlock(peer.ipBlock());
    if (pod == null) {
      return address.isEmpty()
          ? new Reason.OutsideIpBlock("(no address)", block.cidr().text())
          : block.check(address, index.addressNumber(address));
    }
    if (!semantics.ipBlockMatchesPods() && semantics.treatsAsPod(pod)) {
      return new Reason.IpBlockIgnoresPods(pod.ref(), block.cidr().text());
    }
    Reason first = null;
    for (String ip : pod.podIps()) {
      Reason reason = block.check(ip, index.addressNumber(ip));
      if (reason == null) {
        return null;
      }
      if (first == null
          || (first instanceof Reason.OutsideIpBlock && reason instanceof Reason.IpBlockExcept)) {
        first = reason;
      }
    }
    return first != null
        ? first
        : new Reason.OutsideIpBlock(pod.ref() + " (no address)", block.cidr().text());
  }
}
