package io.hopscope.trace.internal;

import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The CNI agent pod on each node (a pod of the agent's DaemonSet), so a verify command that reads
 * BPF maps, router state or agent logs runs on the node of its hop: {@code kubectl exec ds/cilium}
 * would pick an arbitrary node's agent. Without an agent pod for a node (the input has none) the
 * command names a placeholder to fill in.
 */
public final class AgentPods {

  /** A CNI agent: its DaemonSet and the container that runs it. */
  public enum Agent {
    CILIUM("cilium", "cilium-agent"),
    WEAVE("weave-net", "weave");

    private final String daemonSet;
    private final String container;

    Agent(String daemonSet, String container) {
      this.daemonSet = daemonSet;
      this.container = container;
    }
  }

  private final Map<Agent, Map<String, Pod>> byNode = new EnumMap<>(Agent.class);

  public AgentPods(ClusterState state) {
    for (Agent agent : Agent.values()) {
      byNode.put(agent, new HashMap<>());
    }
    // Running pods first, then by name: a stable choice when a node has several (a rollout).
    Comparator<Pod> preference =
        Comparator.comparing((Pod p) -> !"Running".equals(p.phase()))
            .thenComparing(Pod::namespace)
            .thenComparing(Pod::name);
    state.pods().stream()
        .filter(p -> p.owner() != null && "DaemonSet".equals(p.owner().kind()))
        .filter(p -> !p.nodeName().isEmpty())
        .sorted(preference)
        .forEach(
            pod -> {
              for (Agent agent : Agent.values()) {
                if (agent.daemonSet.equals(pod.owner().name())) {
                  byNode.get(agent).putIfAbsent(pod.nodeName(), pod);
                }
              }
            });
  }

  /** {@code kubectl exec} into the agent on {@code node}, in its agent container. */
  public String exec(Agent agent, String node, String command) {
    return exec(agent, node, agent.container, command);
  }

  /** {@code kubectl exec} into the agent on {@code node}, in the given container. */
  public String exec(Agent agent, String node, String container, String command) {
    Target t = target(agent, node, container);
    return "kubectl -n " + t.namespace() + " exec " + t.pod() + t.container() + " -- " + command;
  }

  /** {@code kubectl logs} of the given container of the agent on {@code node}. */
  public String logs(Agent agent, String node, String container) {
    Target t = target(agent, node, container);
    return "kubectl -n " + t.namespace() + " logs " + t.pod() + t.container();
  }

  /** Where a command runs: namespace, pod (or a placeholder) and the {@code -c} option. */
  private record Target(String namespace, String pod, String container) {}

  private Target target(Agent agent, String node, String container) {
    Pod pod = byNode.get(agent).get(node);
    if (pod == null) {
      String placeholder =
          "<" + agent.daemonSet + " pod on " + (node.isEmpty() ? "the node" : node) + ">";
      return new Target("kube-system", placeholder, " -c " + container);
    }
    boolean hasContainer = pod.container(container).isPresent();
    return new Target(pod.namespace(), pod.name(), hasContainer ? " -c " + container : "");
  }
}
