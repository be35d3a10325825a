package io.hopscope.source.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.SourceInfo;
import java.util.Collection;

/**
 * Turns Kubernetes objects into a {@link ClusterState}. In the application this is the one
 * translation shared with the manifests source ({@code ClusterAssembler}); an interface here keeps
 * the live source testable on its own and its dependency on that translation in one place.
 */
@FunctionalInterface
interface ObjectAssembly {

  ClusterState assemble(Collection<? extends HasMetadata> objects, SourceInfo source);
}
