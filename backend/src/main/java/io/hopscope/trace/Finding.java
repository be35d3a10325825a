package io.hopscope.trace;

/**
 * Something on the path worth a user's attention.
 *
 * @param kind what was found
 * @param severity WARNING for problems that break or degrade traffic, INFO for modelling notes
 * @param message one sentence naming the objects involved
 */
public record Finding(Kind kind, Severity severity, String message) {

  /** The kinds of findings. */
  public enum Kind {
    /** The pod MTU plus the encapsulation overhead exceeds the node uplink MTU. */
    MTU_EXCEEDS_PATH,
    /** An egress policy of the source pod blocks DNS to the cluster DNS. */
    DNS_BLOCKED,
    /** Two containers of one pod declare the same port and protocol. */
    PORT_CONFLICT,
    /** A Service targetPort name that the backing pod does not declare. */
    TARGET_PORT_NOT_FOUND,
    /** The Service has no port with the requested number and protocol. */
    SERVICE_PORT_NOT_FOUND,
    /** The Service has no ready endpoint. */
    NO_READY_ENDPOINTS,
    /** A DNS name that resolves to nothing. */
    NAME_NOT_FOUND,
    /** The datapath is a generic model: the CNI was not recognised. */
    ASSUMED_DATAPATH,
    /** The CNI does not enforce NetworkPolicy itself; a policy agent is assumed. */
    POLICY_ENFORCEMENT_ASSUMED,
    /** The destination does not declare the port it is reached on. */
    PORT_NOT_DECLARED,
    /** The pod is not running or has no address. */
    POD_NOT_RUNNING,
    /**
     * Hops happen on a node the input does not have (synthesized from pods, or the stand-in node).
     */
    ASSUMED_PLACEMENT
  }

  /** How serious a finding is. */
  public enum Severity {
    WARNING,
    INFO
  }

  public static Finding warning(Kind kind, String message) {
    return new Finding(kind, Severity.WARNING, message);
  }

  public static Finding info(Kind kind, String message) {
    return new Finding(kind, Severity.INFO, message);
  }
}
