package io.hopscope.web;

import io.hopscope.connectivity.Connectivity;
import io.hopscope.connectivity.ConnectivityAnalyzer;
import io.hopscope.policy.PolicyEvaluator;
import io.hopscope.policy.PolicyFinding;
import io.hopscope.policy.PolicyLint;
import io.hopscope.policy.Semantics;
import io.hopscope.topology.ClusterIndex;
import io.hopscope.topology.ClusterState;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Per-state memo of the engines (indexes are built once per state, never per query). Keyed by
 * identity; keeps the few most recent states only.
 */
@Component
public class Analyses {

  private static final int MAX_STATES = 8;

  /** Most recently used first; compared by identity because records hash deeply. */
  private final java.util.Deque<Analysis> recent = new java.util.ArrayDeque<>();

  /** Engines and indexes of one state, built lazily. */
  public static final class Analysis {
    private final ClusterState state;
    private final Map<Class<?>, Object> engines = new IdentityHashMap<>();

    Analysis(ClusterState state) {
      this.state = state;
    }

    public ClusterState state() {
      return state;
    }

    public ClusterIndex index() {
      return engine(ClusterIndex.class, ClusterIndex::of);
    }

    public PolicyEvaluator policy() {
      return engine(PolicyEvaluator.class, PolicyEvaluator::of);
    }

    /**
     * The all-pairs connectivity under {@code semantics}, analyzed once per state and semantics.
     */
    public Connectivity connectivity(Semantics semantics) {
      return engine(ConnectivityResults.class, s -> new ConnectivityResults())
          .bySemantics
          .computeIfAbsent(semantics, k -> ConnectivityAnalyzer.analyze(policy(), k));
    }

    /** The policy lint findings of the state, found once. */
    public List<PolicyFinding> lint() {
      PolicyEvaluator evaluator = policy();
      return engine(LintFindings.class, s -> new LintFindings(PolicyLint.findings(evaluator)))
          .value();
    }

    /** Any other engine built from the state, memoized by its type. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T engine(Class<T> type, Function<ClusterState, T> factory) {
      return (T) engines.computeIfAbsent(type, t -> factory.apply(state));
    }
  }

  /** Memo key of the lint findings. */
  private record LintFindings(List<PolicyFinding> value) {}

  /** Connectivity results of one state, by semantics. */
  private static final class ConnectivityResults {
    private final Map<Semantics, Connectivity> bySemantics = new ConcurrentHashMap<>();
  }

  public Analysis of(ClusterState state) {
    synchronized (recent) {
      for (var it = recent.iterator(); it.hasNext(); ) {
        Analysis analysis = it.next();
        if (analysis.state == state) {
          it.remove();
          recent.addFirst(analysis);
          return analysis;
        }
      }
      Analysis analysis = new Analysis(state);
      recent.addFirst(analysis);
      if (recent.size() > MAX_STATES) {
        recent.removeLast();
      }
      return analysis;
    }
  }
}
