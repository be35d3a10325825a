package io.hopscope.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A likely mistake in the NetworkPolicies of a state.
 *
 * @param kind what is wrong
 * @param policy the policy, {@code ns/name}
 * @param rule the rule, e.g. {@code ingress[0]}, or empty when the finding is about the whole
 *     policy
 * @param message one sentence for a user
 */
public record PolicyFinding(
    Kind kind,
    String policy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String rule,
    String message) {

  /** The kinds of findings {@link PolicyLint} reports. */
  public enum Kind {
    /** The policy's podSelector matches no pod of its namespace. */
    SELECTS_NO_POD,
    /** A pod or namespace selector peer of a rule selects no pod. */
    PEER_SELECTS_NOTHING,
    /** A named port of a rule is declared by no pod it could apply to. */
    NAMED_PORT_UNRESOLVED,
    /** The policy isolates pods for egress and nothing lets them reach DNS (UDP 53). */
    EGRESS_WITHOUT_DNS
  }
}
