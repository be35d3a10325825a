/**
 * All-pairs connectivity between workloads and IP ranges under the NetworkPolicies of one state,
 * computed over equivalence classes of pods, with connlist formatters (txt, json).
 */
package io.hopscope.connectivity;
