package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.hopscope.topology.LabelRequirement;
import io.hopscope.topology.LabelSelector;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkPolicy.IpBlock;
import io.hopscope.topology.NetworkPolicy.PolicyPeer;
import io.hopscope.topology.NetworkPolicy.PolicyPort;
import io.hopscope.topology.NetworkPolicy.PolicyRule;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import io.hopscope.topology.PortRef;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * networking.k8s.io/v1 NetworkPolicies to the model, with the effective policyTypes (DESIGN §5).
 */
final class PolicyTranslation {

  private PolicyTranslation() {}

  static NetworkPolicy translate(
      io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy) {
    NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    List<PolicyRule> ingress = new ArrayList<>();
    if (spec.getIngress() != null) {
      spec.getIngress()
          .forEach(r -> ingress.add(new PolicyRule(peers(r.getFrom()), ports(r.getPorts()))));
    }
    List<PolicyRule> egress = new ArrayList<>();
    if (spec.getEgress() != null) {
      spec.getEgress()
          .forEach(r -> egress.add(new PolicyRule(peers(r.getTo()), ports(r.getPorts()))));
    }
    return new NetworkPolicy(
        InputObjects.namespaceOf(policy),
        InputObjects.nameOf(policy),
        selector(spec.getPodSelector()),
        policyTypes(spec),
        ingress,
        egress);
  }

  /** Declared types; when absent, Ingress always and Egress only when egress rules are present. */
  static List<PolicyType> policyTypes(NetworkPolicySpec spec) {
    List<PolicyType> types = new ArrayList<>();
    if (spec.getPolicyTypes() != null && !spec.getPolicyTypes().isEmpty()) {
      for (String t : spec.getPolicyTypes()) {
        String upper = t == null ? "" : t.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("INGRESS") && !types.contains(PolicyType.INGRESS)) {
          types.add(PolicyType.INGRESS);
        } else if (upper.equals("EGRESS") && !types.contains(PolicyType.EGRESS)) {
          types.add(PolicyType.EGRESS);
        }
      }
      return types;
    }
    types.add(PolicyType.INGRESS);
    if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
      types.add(PolicyType.EGRESS);
    }
    return types;
  }

  /** A Fabric8 selector to the model; null stays null (absent), an empty one selects everything. */
  static LabelSelector selector(io.fabric8.kubernetes.api.model.LabelSelector selector) {
    if (selector == null) {
      return LabelSelector.everything();
    }
    List<LabelRequirement> requirements = new ArrayList<>();
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        requirements.add(
            new LabelRequirement(
                r.getKey(),
                operator(r.getOperator()),
                r.getValues() == null ? List.of() : r.getValues()));
      }
    }
    return new LabelSelector(PodTranslation.orEmpty(selector.getMatchLabels()), requirements);
  }

  private static LabelRequirement.Operator operator(String operator) {
    return switch (operator == null ? "" : operator) {
      case "In" -> LabelRequirement.Operator.IN;
      case "NotIn" -> LabelRequirement.Operator.NOT_IN;
      case "Exists" -> LabelRequirement.Operator.EXISTS;
      case "DoesNotExist" -> LabelRequirement.Operator.DOES_NOT_EXIST;
      default ->
          throw new IllegalArgumentException("unknown label selector operator '" + operator + "'");
    };
  }

  private static List<PolicyPeer> peers(List<NetworkPolicyPeer> peers) {
    List<PolicyPeer> result = new ArrayList<>();
    if (peers != null) {
      for (NetworkPolicyPeer p : peers) {
        IpBlock block =
            p.getIpBlock() == null
                ? null
                : new IpBlock(
                    p.getIpBlock().getCidr(),
                    p.getIpBlock().getExcept() == null ? List.of() : p.getIpBlock().getExcept());
        result.add(
            new PolicyPeer(
                p.getPodSelector() == null ? null : selector(p.getPodSelector()),
                p.getNamespaceSelector() == null ? null : selector(p.getNamespaceSelector()),
                block));
      }
    }
    return result;
  }

  private static List<PolicyPort> ports(
      List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort> ports) {
    List<PolicyPort> result = new ArrayList<>();
    if (ports != null) {
      for (var p : ports) {
        Protocol protocol = Protocol.parse(p.getProtocol()).orElse(Protocol.TCP);
        result.add(
            new PolicyPort(
                protocol, portRef(p.getPort()), p.getEndPort() == null ? 0 : p.getEndPort()));
      }
    }
    return result;
  }

  /**
   * An IntOrString port; a numeric string ("80") counts as a number, as the API server reads it.
   */
  static PortRef portRef(IntOrString port) {
    if (port == null) {
      return null;
    }
    if (port.getIntVal() != null) {
      return PortRef.of(port.getIntVal());
    }
    String text = port.getStrVal();
    if (text == null || text.isBlank()) {
      return null;
    }
    return text.chars().allMatch(Character::isDigit) && text.length() < 6
        ? PortRef.of(Integer.parseInt(text))
        : PortRef.named(text);
  }
}
