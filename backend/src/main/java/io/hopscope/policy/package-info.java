/** NetworkPolicy evaluation (networking.k8s.io/v1): verdicts with their explanation. Pure Java. */
package io.hopscope.policy;
