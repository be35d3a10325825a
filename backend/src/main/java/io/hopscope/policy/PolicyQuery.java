package io.hopscope.policy;

import io.hopscope.topology.Protocol;

/**
 * A connection to judge: from, to, destination port and protocol, and whether ipBlocks match
 * in-cluster pod IPs.
 */
public record PolicyQuery(PolicyEndpoint from, PolicyEndpoint to, int port, Protocol protocol, boolean ipBlockMatchesPods) {}
