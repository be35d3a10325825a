/**
 * Kubernetes manifests (YAML/JSON dumps as kubectl writes them) read safely into Fabric8 objects
 * and a cluster state.
 */
package io.hopscope.source.manifests;
