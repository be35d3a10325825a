package io.hopscope.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.bench.SyntheticClusters;
import io.hopscope.topology.ClusterState;
import io.hopscope.topology.Pod;
import io.hopscope.topology.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorConcurrencyTest {

  @Test
  @DisplayName(
      "one evaluator queried from many threads at once (memos filling concurrently) answers like a fresh one queried alone")
  void concurrentVerdictsEqualSequentialOnes() throws Exception {
    ClusterState state = SyntheticClusters.cluster(2_000);
    List<Pod> pods = state.pods();
    Random random = new Random(3);
    List<PolicyQuery> queries = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      queries.add(
          new PolicyQuery(
              new PolicyEndpoint.PodPeer(pods.get(random.nextInt(pods.size()))),
              new PolicyEndpoint.PodPeer(pods.get(random.nextInt(pods.size()))),
              8000 + random.nextInt(100),
              Protocol.TCP,
              random.nextBoolean()));
    }
    PolicyEvaluator sequential = PolicyEvaluator.of(state);
    List<Verdict> expected = queries.stream().map(sequential::evaluate).toList();

    PolicyEvaluator shared = PolicyEvaluator.of(state);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Verdict>>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(threads.submit(() -> queries.stream().map(shared::evaluate).toList()));
      }
      for (Future<List<Verdict>> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(expected).anyMatch(Verdict::allowed).anyMatch(v -> !v.allowed());
  }
}
