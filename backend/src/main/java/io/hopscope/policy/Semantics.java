package io.hopscope.policy;

/**
 * The implementation-defined choices of NetworkPolicy, made explicit.
 *
 * @param ipBlockMatchesPods whether an ipBlock matches the addresses of in-cluster pods (the
 *     upstream e2e suite: yes; np-guard netpol-analyzer: no)
 * @param hostNetworkPodsAsPods whether hostNetwork pods are treated like other pods (selected by
 *     policies, matched by pod selectors), as netpol-analyzer does; when false (the most common CNI
 *     behaviour) policy is not enforced on them and their traffic is node traffic: pod and
 *     namespace selectors do not match them, ipBlocks match their (node) addresses
 */
public record Semantics(boolean ipBlockMatchesPods, boolean hostNetworkPodsAsPods) {

  /** Hopscope's defaults: ipBlocks match pods, hostNetwork pods are outside pod policy. */
  public static final Semantics DEFAULT = new Semantics(true, false);

  /** np-guard netpol-analyzer's assumptions. */
  public static final Semantics NETPOL_ANALYZER = new Semantics(false, true);

  public static Semantics ipBlockMatchesPods(boolean ipBlockMatchesPods) {
    return new Semantics(ipBlockMatchesPods, false);
  }

  /** Whether policy treats this pod as a pod (false: as node traffic). */
  public boolean treatsAsPod(io.hopscope.topology.Pod pod) {
    return !pod.hostNetwork() || hostNetworkPodsAsPods;
  }
}
