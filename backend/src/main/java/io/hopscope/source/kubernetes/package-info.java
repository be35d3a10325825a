/**
 * The live source: Fabric8 informers on a real cluster, read-only, translated to the model by the
 * one {@code ClusterAssembler}; coalesced rebuilds, change events, and a status that says how the
 * connection is doing.
 */
package io.hopscope.source.kubernetes;
