package io.hopscope.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A networking.k8s.io/v1 NetworkPolicy.
 *
 * @param policyTypes the effective types: as declared, or when absent {@code Ingress} plus {@code
 *     Egress} if the policy has egress rules
 * @param ingress ingress rules (empty: allows no ingress)
 * @param egress egress rules (empty: allows no egress)
 */
public record NetworkPolicy(
    String namespace,
    String name,
    LabelSelector podSelector,
    List<PolicyType> policyTypes,
    List<PolicyRule> ingress,
    List<PolicyRule> egress) {

  /** The direction a policy or rule applies to. */
  public enum PolicyType {
    @JsonProperty("Ingress")
    INGRESS,
    @JsonProperty("Egress")
    EGRESS
  }

  public NetworkPolicy {
    policyTypes = List.copyOf(policyTypes);
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  public PodRef ref() {
    return new PodRef(namespace, name);
  }

  public boolean affects(PolicyType type) {
    return policyTypes.contains(type);
  }

  /**
   * One rule: the peers ({@code from} or {@code to}) and the ports. An empty peer list matches
   * every peer; an empty port list matches every port and protocol.
   */
  public record PolicyRule(List<PolicyPeer> peers, List<PolicyPort> ports) {
    public PolicyRule {
      peers = List.copyOf(peers);
      ports = List.copyOf(ports);
    }
  }

  /**
   * A peer: a pod selector (in the policy's namespace unless a namespace selector is given), a
   * namespace selector, both (AND), or an ipBlock. Absent parts are null (left out of the JSON).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PolicyPeer(
      LabelSelector podSelector, LabelSelector namespaceSelector, IpBlock ipBlock) {}

  /** A CIDR with exceptions, IPv4 or IPv6. */
  public record IpBlock(String cidr, List<String> except) {
    public IpBlock {
      except = List.copyOf(except);
    }
  }

  /**
   * A port of a rule.
   *
   * @param port the port number or name, or null for every port of the protocol
   * @param endPort the last port of a range, or 0 (left out of the JSON)
   */
  public record PolicyPort(
      Protocol protocol,
      @JsonInclude(JsonInclude.Include.NON_NULL) PortRef port,
      @OptionalNumber int endPort) {
    public PolicyPort {
      protocol = protocol == null ? Protocol.TCP : protocol;
    }
  }
}
