/**
 * The one translation from Kubernetes objects to the model: CNI detection, addresses, endpoints,
 * inferred interfaces.
 */
package io.hopscope.source.translate;
