package io.hopscope.source.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hopscope.topology.Node;
import io.hopscope.topology.Pod;
import io.hopscope.topology.PodRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The pods of a cluster: the pods in the input, plus one stand-in pod for every workload that has
 * no pods of its own in the input. A workload controlled by another workload of the input (a
 * ReplicaSet of a Deployment, a Job of a CronJob) leaves standing in to its controller. Pods are
 * placed by {@link PodPlacement}; stand-ins are spread over the input's nodes, or put on the
 * stand-in node when it has none.
 */
final class PodAssembly {

  private PodAssembly() {}

  static List<Pod> pods(InputObjects input, List<Node> nodes, TranslationMemo memo) {
    List<Pod> pods = new ArrayList<>(input.pods().size());
    boolean inputHasNodes = !input.nodes().isEmpty();
    PodPlacement.Placer placer = new PodPlacement.Placer(nodes, inputHasNodes);
    input
        .pods()
        .forEach(p -> pods.add(placer.place(memo.translate(p, PodTranslation::translate), p)));
    if (input.workloads().isEmpty()) {
      pods.sort(Comparator.comparing(Pod::ref));
      return pods; // no stand-ins to add (a live cluster's workloads are not watched)
    }
    Set<String> ownersWithPods = new HashSet<>();
    pods.forEach(p -> ownersWithPods.add(key(p.namespace(), p.owner().kind(), p.owner().name())));
    Set<String> workloads = new HashSet<>();
    input.workloads().forEach(w -> workloads.add(key(w)));
    // Propagate "has pods" one level up: a Deployment whose ReplicaSet has pods has pods.
    for (HasMetadata w : input.workloads()) {
      if (ownersWithPods.contains(key(w))) {
        Workloads.controller(w)
            .ifPresent(
                ref ->
                    ownersWithPods.add(
                        key(InputObjects.namespaceOf(w), Workloads.ownerKind(ref), ref.getName())));
      }
    }
    Set<PodRef> taken = new HashSet<>();
    pods.forEach(p -> taken.add(p.ref()));
    // Stand-ins are spread over the nodes of the input; without any, they share the stand-in node.
    List<String> nodeNames =
        inputHasNodes
            ? nodes.stream().filter(n -> !n.assumed()).map(Node::name).sorted().toList()
            : List.of(NodeTranslation.STAND_IN_NODE);
    int placed = 0;
    for (HasMetadata w : input.workloads()) {
      boolean controlledByInput =
          Workloads.controller(w)
              .map(
                  ref ->
                      workloads.contains(
                          key(
                              InputObjects.namespaceOf(w),
                              Workloads.ownerKind(ref),
                              ref.getName())))
              .orElse(false);
      PodRef ref = new PodRef(InputObjects.namespaceOf(w), InputObjects.nameOf(w));
      if (ownersWithPods.contains(key(w)) || controlledByInput || !taken.add(ref)) {
        continue;
      }
      // Spread stand-ins over the nodes in a fixed order so that cross-node paths exist.
      String node = nodeNames.isEmpty() ? "" : nodeNames.get(placed++ % nodeNames.size());
      pods.add(PodTranslation.standIn(w, node));
    }
    pods.sort(Comparator.comparing(Pod::ref));
    return pods;
  }

  private static String key(HasMetadata workload) {
    return key(
        InputObjects.namespaceOf(workload),
        Workloads.kind(workload),
        InputObjects.nameOf(workload));
  }

  private static String key(String namespace, String kind, String name) {
    return namespace + "/" + kind + "/" + name;
  }
}
