package io.hopscope.source;

/**
 * Builds the live (Kubernetes API) source. The kubernetes source package provides it as a bean;
 * {@link SourceConfiguration} asks for it when {@code hopscope.source} is {@code kubernetes}, or
 * {@code auto} with a kubeconfig or in-cluster service account present.
 */
public interface LiveClusterSourceFactory {

  /** A started live source. */
  ClusterSource create();
}
