package io.hopscope.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hopscope.topology.NetworkPolicy.PolicyType;
import java.util.List;

/**
 * The answer for one connection: allowed iff egress is allowed at the source and ingress at the
 * destination. Carries its own explanation.
 *
 * @param ipBlockMatchesPods which ipBlock semantics was used
 * @param explanation one human sentence
 */
public record Verdict(
    boolean allowed,
    DirectionVerdict egress,
    DirectionVerdict ingress,
    boolean ipBlockMatchesPods,
    String explanation) {

  /**
   * One direction: egress at the source or ingress at the destination.
   *
   * @param subject the pod judged ({@code ns/name}) or the address
   * @param enforced false when policy does not apply at this end (an IP address, a hostNetwork pod)
   * @param isolated whether some policy selects the pod for this direction
   * @param policies every policy that selects the pod for this direction, sorted by namespace/name
   * @param decidingRule the first rule that admitted the connection, or null (left out of the JSON)
   * @param note why the direction was allowed or denied, in one clause
   * @param fromOwnNode set when ingress was allowed because the traffic comes from the subject's
   *     own node (left out of the JSON otherwise); the policies are still listed, as they would
   *     have judged
   */
  public record DirectionVerdict(
      PolicyType direction,
      String subject,
      boolean enforced,
      boolean isolated,
      boolean allowed,
      List<PolicyResult> policies,
      @JsonInclude(JsonInclude.Include.NON_NULL) RuleRef decidingRule,
      String note,
      @JsonInclude(JsonInclude.Include.NON_NULL) Reason.FromOwnNode fromOwnNode) {
    public DirectionVerdict {
      policies = List.copyOf(policies);
    }

    /** A direction that no own-node exemption decided. */
    public DirectionVerdict(
        PolicyType direction,
        String subject,
        boolean enforced,
        boolean isolated,
        boolean allowed,
        List<PolicyResult> policies,
        RuleRef decidingRule,
        String note) {
      this(direction, subject, enforced, isolated, allowed, policies, decidingRule, note, null);
    }
  }

  /** One selecting policy and what each of its rules (for this direction) said. */
  public record PolicyResult(
      String namespace, String name, boolean allows, List<RuleResult> rules) {
    public PolicyResult {
      rules = List.copyOf(rules);
    }
  }

  /**
   * One rule.
   *
   * @param index zero-based position in the policy's ingress or egress list
   * @param reason empty when matched, else the first reason it did not (peer, namespace, ipBlock,
   *     port, protocol, named port)
   */
  public record RuleResult(PolicyType direction, int index, boolean matched, String reason) {}

  /** Names a rule: {@code ns/policy ingress[0]}. */
  public record RuleRef(String namespace, String name, PolicyType direction, int index) {
    @Override
    public String toString() {
      return namespace
          + "/"
          + name
          + " "
          + direction.name().toLowerCase(java.util.Locale.ROOT)
          + "["
          + index
          + "]";
    }
  }
}
