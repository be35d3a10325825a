package io.hopscope.bench;

import io.hopscope.snapshot.Snapshot;
import io.hopscope.snapshot.internal.StandaloneSnapshotStore;
import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Snapshot capture and load on {@link SyntheticClusters} states, against the real H2 file database
 * (a temporary data dir): capture = gzip JSON + insert + commit; load = select + gunzip + parse
 * into records; export = select + the streamed export file, read to the end (never held whole in
 * memory). Prints a Markdown table row per size. Arguments: pod counts (default 1000 10000 100000).
 */
public final class SnapshotBenchmark {

  private static final int RUNS = 5;

  private SnapshotBenchmark() {}

  public static void main(String[] args) throws IOException {
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.println(
        "| pods | JSON | stored (gzip) | ratio | capture median | capture min | load median | load min | export median |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int pods : sizes) {
      Path dataDir = Files.createTempDirectory("hopscope-bench-");
      try (StandaloneSnapshotStore db = StandaloneSnapshotStore.open(dataDir)) {
        run(pods, db);
      } finally {
        delete(dataDir);
      }
    }
  }

  private static void run(int pods, StandaloneSnapshotStore db) {
    ClusterState state = SyntheticClusters.cluster(pods);
    var store = db.store();
    // warm-up: one capture and load
    Snapshot warm = store.insert("warm-up", Snapshot.Origin.CAPTURE, state).block();
    store.loadState(warm.id()).block();
    List<Long> captures = new ArrayList<>();
    List<Long> loads = new ArrayList<>();
    List<Long> exports = new ArrayList<>();
    Snapshot last = warm;
    int runs = pods >= 100_000 ? 3 : RUNS;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      last = store.insert("bench " + i, Snapshot.Origin.CAPTURE, state).block();
      captures.add(System.nanoTime() - start);
      start = System.nanoTime();
      ClusterState loaded = store.loadState(last.id()).block();
      loads.add(System.nanoTime() - start);
      if (!loaded.equals(state)) {
        throw new IllegalStateException("the loaded state differs from the captured one");
      }
      start = System.nanoTime();
      long exported = exportedBytes(store, last);
      exports.add(System.nanoTime() - start);
      if (exported <= last.stateBytes()) {
        throw new IllegalStateException("the export is shorter than the state");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| %,d | %s | %s | %.1fx | %s | %s | %s | %s | %s |%n",
        pods,
        bytes(last.stateBytes()),
        bytes(last.storedBytes()),
        (double) last.stateBytes() / last.storedBytes(),
        millis(median(captures)),
        millis(captures.stream().min(Long::compare).orElseThrow()),
        millis(median(loads)),
        millis(loads.stream().min(Long::compare).orElseThrow()),
        millis(median(exports)));
    if (StateJson.decompress(StateJson.compress(state).gzip()).pods().size() != pods) {
      throw new IllegalStateException("round trip lost pods");
    }
  }

  private static long exportedBytes(io.hopscope.snapshot.SnapshotStore store, Snapshot snapshot) {
    byte[] stored = store.loadCompressedState(snapshot.id()).block();
    try (var in = StateJson.exportStream(snapshot, stored)) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%,d ms", nanos / 1_000_000);
  }

  private static String bytes(long n) {
    return n >= 1 << 20
        ? String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0)
        : String.format(Locale.ROOT, "%.0f KiB", n / 1024.0);
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
