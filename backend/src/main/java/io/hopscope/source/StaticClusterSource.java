package io.hopscope.source;

import io.hopscope.topology.ClusterState;

/** A source whose state never changes once built: a demo cluster, or manifests read at startup. */
public record StaticClusterSource(ClusterState current, SourceStatus status)
    implements ClusterSource {}
