package io.hopscope.topology;

/**
 * A service-mesh proxy container detected in a pod, e.g. {@code istio-proxy} of mesh {@code istio}.
 */
public record Sidecar(String container, String mesh) {}
