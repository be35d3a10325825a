package io.hopscope.policy;

import io.hopscope.topology.Pod;

/** One end of a connection as policy sees it: a pod, or an IP address (for ipBlock peers). */
public sealed interface PolicyEndpoint {

  /** A pod of the cluster. */
  record PodPeer(Pod pod) implements PolicyEndpoint {
    @Override
    public String toString() {
      return pod.ref().toString();
    }
  }

  /** An address; it may or may not belong to a pod (see ipBlockMatchesPods). */
  record IpPeer(String address) implements PolicyEndpoint {
    @Override
    public String toString() {
      return address;
    }
  }
}
