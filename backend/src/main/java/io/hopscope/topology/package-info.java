/**
 * The immutable cluster model: one {@link io.hopscope.topology.ClusterState} value per moment,
 * whatever source built it.
 */
package io.hopscope.topology;
