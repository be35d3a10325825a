package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.NetworkPolicy;
import io.hopscope.topology.NetworkProfile;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Service;
import io.hopscope.topology.SourceInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one translation from Kubernetes objects to a {@link ClusterState}, whichever way the objects
 * were obtained (manifests, the demo clusters, a snapshot import, live informers). A pure function:
 * the same objects always give the same state, sorted by namespace and name.
 */
public final class ClusterAssembler {

  private ClusterAssembler() {}

  /**
   * Builds the state. Warnings about what had to be assumed are appended to the source's.
   *
   * @throws IllegalArgumentException when an object cannot be translated (the message names it)
   */
  public static ClusterState assemble(
      Collection<? extends HasMetadata> objects, SourceInfo source) {
    return assemble(objects, source, new TranslationMemo());
  }

  /**
   * The same, reusing the translations {@code memo} remembers from the last call for the objects
   * that are the same instances again (the live source's rebuilds).
   */
  public static ClusterState assemble(
      Collection<? extends HasMetadata> objects, SourceInfo source, TranslationMemo memo) {
    synchronized (memo) {
      return assembleWith(objects, source, memo);
    }
  }

  private static ClusterState assembleWith(
      Collection<? extends HasMetadata> objects, SourceInfo source, TranslationMemo memo) {
    List<String> warnings = new ArrayList<>();
    InputObjects input = InputObjects.of(objects, warnings);
    ProfileFacts facts = new ProfileFacts();
    CniDetection.detect(input, facts);
    ClusterServicesDetection.detect(input, facts);
    NetworkProfile profile = facts.toProfile();
    memo.dependsOn(List.of(profile, facts.vni, facts.udpPort, facts.calicoInterfacePrefix));

    List<Node> nodes = CalicoNodes.apply(input, NodeTranslation.nodes(input, warnings), warnings);
    List<Pod> placed = PodAssembly.pods(input, nodes, memo);
    nodes = NodeTranslation.withStandIn(nodes, placed, warnings);
    List<Pod> pods = PodAddresses.assign(placed, nodes, profile.podCidrs());
    List<Service> services =
        ServiceEndpoints.withEndpoints(
            ServiceAddresses.assign(services(input, memo), profile),
            input.endpointSlices(),
            pods,
            nodes,
            memo);
    List<NetworkPolicy> policies = policies(input, memo);
    var namespaces = NamespaceTranslation.namespaces(input, pods, services, policies);
    var inferred =
        InterfaceInference.infer(
            profile, facts.vni, facts.udpPort, facts.calicoInterfacePrefix, nodes, pods, memo);
    memo.finish();
    return new ClusterState(
        source.withWarnings(warnings),
        profile,
        nodes,
        namespaces,
        pods,
        services,
        policies,
        inferred.interfaces(),
        inferred.links());
  }

  private static List<Service> services(InputObjects input, TranslationMemo memo) {
    List<Service> result = new ArrayList<>();
    input.services().forEach(s -> result.add(memo.translate(s, ServiceTranslation::translate)));
    return result;
  }

  private static List<NetworkPolicy> policies(InputObjects input, TranslationMemo memo) {
    List<NetworkPolicy> result = new ArrayList<>();
    for (var policy : input.policies()) {
      try {
        result.add(memo.translate(policy, PolicyTranslation::translate));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "NetworkPolicy " + CniDetection.ref(policy) + ": " + e.getMessage(), e);
      }
    }
    return result;
  }
}
