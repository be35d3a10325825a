package io.hopscope.topology;

/** Service types; HEADLESS is a ClusterIP Service with {@code clusterIP: None}. */
public enum ServiceType {
  CLUSTER_IP,
  NODE_PORT,
  LOAD_BALANCER,
  EXTERNAL_NAME,
  HEADLESS
}
