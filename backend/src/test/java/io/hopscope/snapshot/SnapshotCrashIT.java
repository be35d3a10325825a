package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.snapshot.internal.StateJson;
import io.hopscope.topology.ClusterState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hopscope in a separate JVM, capturing in a loop, killed with SIGKILL ({@link
 * Process#destroyForcibly()}) in the middle of the writes; started again on the same data dir, it
 * must open the database and serve every snapshot whose 201 the client received.
 */
class SnapshotCrashIT {

  private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
  private static final int WRITERS = 4;

  @TempDir Path dataDir;

  @Test
  @DisplayName(
      "Every snapshot acknowledged with 201 before a SIGKILL is intact and readable after restart, over two crashes")
  void acknowledgedSnapshotsSurviveSigkill() throws Exception {
    List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    for (int crash = 0; crash < 2; crash++) {
      Child child = Child.start(dataDir);
      try {
        captureUntilKilled(child, acknowledged, 15 + crash * 10);
      } finally {
        child.kill();
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(25);

    Child child = Child.start(dataDir);
    try {
      Api api = new Api(child.port);
      ClusterState first = null;
      for (String id : acknowledged) {
        var reply = api.get("/api/v1/snapshots/" + id);
        assertThat(reply.status())
            .as("snapshot %s acknowledged before the crash", id)
            .isEqualTo(200);
        ClusterState state = StateJson.mapper().readValue(reply.bytes(), ClusterState.class);
        assertThat(state.pods()).isNotEmpty();
        if (first == null) {
          first = state;
        }
        assertThat(state.pods()).isEqualTo(first.pods());
      }
      assertThat(api.count()).isGreaterThanOrEqualTo(acknowledged.size());
      assertThat(api.capture("after the crashes").status()).isEqualTo(201);
    } finally {
      child.kill();
    }
  }

  /**
   * Captures from several threads; kills the child while captures are in flight once enough were
   * acknowledged.
   */
  private static void captureUntilKilled(Child child, List<String> acknowledged, int atLeast)
      throws Exception {
    Api api = new Api(child.port);
    AtomicBoolean killed = new AtomicBoolean();
    List<String> thisRound = Collections.synchronizedList(new ArrayList<>());
    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<CompletableFuture<Void>> loops = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        loops.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; !killed.get(); i++) {
                    try {
                      var reply = api.capture("crash writer " + writer + " #" + i);
                      if (reply.status() == 201) {
                        String id = reply.json().get("id").asString();
                        acknowledged.add(id);
                        thisRound.add(id);
                      }
                    } catch (UncheckedIOException | IllegalStateException e) {
                      return; // the child is gone
                    }
                  }
                },
                writers));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (thisRound.size() < atLeast && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      child.kill();
      killed.set(true);
      CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      writers.shutdownNow();
    }
    assertThat(thisRound).hasSizeGreaterThanOrEqualTo(atLeast);
  }

  /** A Hopscope JVM started with the test's classpath. */
  private static final class Child {
    final Process process;
    final int port;

    private Child(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Child start(Path dataDir) throws Exception {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx384m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.hopscope.HopscopeApplication",
                  "--server.port=0",
                  "--hopscope.data-dir=" + dataDir,
                  "--hopscope.source=demo",
                  "--spring.main.banner-mode=off")
              .redirectErrorStream(true);
      Process process = builder.start();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    Matcher m = PORT.matcher(line);
                    if (!port.isDone() && m.find()) {
                      port.complete(Integer.parseInt(m.group(1)));
                    }
                    if (line.contains("ERROR") || line.contains("Exception")) {
                      System.out.println("[child] " + line);
                    }
                  }
                } catch (IOException e) {
                  // the child was killed
                }
                port.completeExceptionally(
                    new IllegalStateException("the child exited before it listened"));
              },
              "crash-child-log");
      reader.setDaemon(true);
      reader.start();
      try {
        return new Child(process, port.get(180, TimeUnit.SECONDS));
      } catch (Exception e) {
        process.destroyForcibly();
        throw e;
      }
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no H2 close
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
