/**
 * Indexes and matchers behind the policy evaluator; used by the connectivity analysis, not by other
 * features.
 */
package io.hopscope.policy.internal;
