package io.hopscope.connectivity;

import io.hopscope.policy.ConnectionSet;

/** One line of a connectivity list: what {@code from} may open towards {@code to}. */
public record Connection(ConnectivityPeer from, ConnectivityPeer to, ConnectionSet connections) {}
