/**
 * The packet tracer: hop-by-hop paths between a pod and a pod, Service, DNS name or address, as the
 * cluster's CNI and Service proxy would forward them, with NetworkPolicy on the path. Pure Java.
 */
package io.hopscope.trace;
