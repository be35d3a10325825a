package io.hopscope.policy;

import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.PodRef;
import io.hopscope.topology.Protocol;
import java.util.List;

/**
 * Why a NetworkPolicy rule did not match a connection: the first failing part of the rule, in the
 * order peers (namespace, pod selector, ipBlock) then ports (protocol, port, named port). One
 * variant, {@link FromOwnNode}, says instead why policy does not apply to a connection at all.
 */
public sealed interface Reason {

  /** One clause for a user, e.g. {@code "shop/cart does not match podSelector app=api"}. */
  String describe();

  /** A {@code podSelector} alone selects pods of the policy's own namespace only. */
  record OutsidePolicyNamespace(PodRef peer, String policyNamespace) implements Reason {
    @Override
    public String describe() {
      return peer
          + " is not in namespace "
          + policyNamespace
          + " (a podSelector alone selects pods of the policy's namespace)";
    }
  }

  /** The peer's namespace does not match the {@code namespaceSelector}. */
  record NamespaceMismatch(String namespace, LabelSelector selector) implements Reason {
    @Override
    public String describe() {
      return "namespace " + namespace + " does not match namespaceSelector " + selector;
    }
  }

  /** The peer pod does not match the {@code podSelector}. */
  record PodSelectorMismatch(PodRef peer, LabelSelector selector) implements Reason {
    @Override
    public String describe() {
      return peer + " does not match podSelector " + selector;
    }
  }

  /**
   * Pod and namespace selectors match pods only; the peer is an address outside the cluster's pods.
   */
  record NotAPod(String address) implements Reason {
    @Override
    public String describe() {
      return address + " is not a pod (pod and namespace selectors match pods only)";
    }
  }

  /**
   * A hostNetwork pod's traffic carries its node's address: pod and namespace selectors do not
   * match it.
   */
  record HostNetworkPeer(PodRef peer) implements Reason {
    @Override
    public String describe() {
      return peer
          + " uses the host network; its traffic is node traffic, which pod and namespace selectors do not match";
    }
  }

  /** The peer's address is outside the ipBlock's CIDR. */
  record OutsideIpBlock(String address, String cidr) implements Reason {
    @Override
    public String describe() {
      return address + " is not in ipBlock " + cidr;
    }
  }

  /** The peer's address is in the CIDR but also in one of its exceptions. */
  record IpBlockExcept(String address, String cidr, String except) implements Reason {
    @Override
    public String describe() {
      return address + " is excluded from ipBlock " + cidr + " by except " + except;
    }
  }

  /** With ipBlockMatchesPods=false an ipBlock never matches an in-cluster pod. */
  record IpBlockIgnoresPods(PodRef peer, String cidr) implements Reason {
    @Override
    public String describe() {
      return "ipBlock "
          + cidr
          + " does not match pods (ipBlockMatchesPods=false) and "
          + peer
          + " is a pod";
    }
  }

  /** None of several peers matched; carries each peer's reason. */
  record NoPeerMatches(List<Reason> peers) implements Reason {
    public NoPeerMatches {
      peers = List.copyOf(peers);
    }

    @Override
    public String describe() {
      return "no peer matches: " + String.join("; ", peers.stream().map(Reason::describe).toList());
    }
  }

  /** No port entry of the rule has the connection's protocol. */
  record ProtocolMismatch(Protocol protocol, List<Protocol> ruleProtocols) implements Reason {
    public ProtocolMismatch {
      ruleProtocols = List.copyOf(ruleProtocols);
    }

    @Override
    public String describe() {
      return "protocol "
          + protocol
          + " is not allowed (rule ports are "
          + String.join(", ", ruleProtocols.stream().map(Protocol::name).toList())
          + " only)";
    }
  }

  /** The rule's ports of that protocol do not include the port. */
  record PortMismatch(Protocol protocol, int port, String rulePorts) implements Reason {
    @Override
    public String describe() {
      return "port " + protocol + " " + port + " is not in the rule's ports (" + rulePorts + ")";
    }
  }

  /** A named port of the rule is not declared by the destination for that protocol. */
  record NamedPortNotFound(String portName, Protocol protocol, String destination)
      implements Reason {
    @Override
    public String describe() {
      return "named port " + portName + "/" + protocol + " is not declared by " + destination;
    }
  }

  /**
   * The connection comes from the node the destination pod runs on: Kubernetes lets such traffic in
   * whatever the policies say, so that the kubelet's health probes work. Carried by an ingress
   * direction that this exemption allowed, never by a rule.
   *
   * @param node the destination's node
   * @param address the source address (the node's, which its hostNetwork pods use too)
   * @param hostNetworkPod the hostNetwork pod the traffic comes from ({@code ns/name}), or empty
   */
  record FromOwnNode(String node, String address, String hostNetworkPod) implements Reason {
    public FromOwnNode {
      hostNetworkPod = hostNetworkPod == null ? "" : hostNetworkPod;
    }

    @Override
    public String describe() {
      return "traffic from the pod's own node ("
          + node
          + (address.isEmpty() ? "" : ", " + address)
          + (hostNetworkPod.isEmpty() ? "" : ", hostNetwork pod " + hostNetworkPod)
          + ") is always allowed: NetworkPolicy does not apply to it (kubelet probes)";
    }
  }
}
