package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zip bombs and oversized uploads against the packaged jar in a JVM with a 384 MiB heap (the {@code
 * k8s/} limit is 1 GiB): each is refused with 413 within seconds, the JVM does not run out of
 * memory ({@code -XX:+ExitOnOutOfMemoryError} would end it), and the snapshots stored before are
 * untouched.
 */
class ImportBombIT {

  private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
  private static final Duration QUICKLY = Duration.ofSeconds(30);
  private static final long MIB = 1024 * 1024;

  @TempDir static Path work;

  private static Process process;
  private static Api api;
  private static int port;
  private static String snapshotId;
  private static byte[] exportBefore;

  @BeforeAll
  static void startSmallHeapHopscope() throws Exception {
    Path jar = Path.of("target/hopscope.jar");
    assertThat(jar).as("the repackaged jar (built by the package phase before failsafe)").exists();
    String java = ProcessHandle.current().info().command().orElse("java");
    process =
        new ProcessBuilder(
                java,
                "-Xmx384m",
                "-XX:+ExitOnOutOfMemoryError",
                "-jar",
                jar.toString(),
                "--server.port=0",
                "--hopscope.data-dir=" + work.resolve("data"),
                "--hopscope.source=demo",
                "--spring.main.banner-mode=off")
            .redirectErrorStream(true)
            .start();
    port = portOf(process);
    api = new Api(port);
    var captured = api.capture("before the bombs");
    assertThat(captured.status()).as(captured.text()).isEqualTo(201);
    snapshotId = captured.json().get("id").asString();
    exportBefore = api.get("/api/v1/snapshots/" + snapshotId + "/export").bytes();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  @DisplayName("A 600 MiB gzip of spaces (about 600 KB) is 413 within seconds")
  void spacesBomb() throws Exception {
    Path bomb = gzipOf(work.resolve("spaces.gz"), new byte[0], (byte) ' ', 600 * MIB);
    assertThat(Files.size(bomb)).isLessThan(MIB);
    assertRefusedAndIntact(bomb, "max-");
  }

  @Test
  @DisplayName(
      "A 1.1 GiB gzip that starts as a Hopscope export (about 1.1 MB) is 413 within seconds")
  void exportShapedBomb() throws Exception {
    byte[] start =
        ("{\"format\":\""
                + SnapshotExport.FORMAT
                + "\",\"formatVersion\":"
                + SnapshotExport.VERSION
                + ",\"name\":\"bomb\",")
            .getBytes(StandardCharsets.UTF_8);
    // then 1.1 GiB of whitespace: the export is read as a stream, so the stream's limit must stop
    // it
    Path bomb = gzipOf(work.resolve("export.gz"), start, (byte) ' ', 1100 * MIB);
    assertRefusedAndIntact(bomb, "max-unzipped");
  }

  @Test
  @DisplayName("A plain upload over max-upload is 413 promptly, declared or chunked")
  void oversizedPlainUploads() throws Exception {
    byte[] body = new byte[(int) (60 * MIB)];
    Arrays.fill(body, (byte) ' ');
    assertTimeoutPreemptively(
        QUICKLY,
        () -> {
          var declared = api.post("/api/v1/snapshots/import", "application/yaml", body);
          assertThat(declared.status()).as(declared.text()).isEqualTo(413);
          assertThat(declared.header("Content-Type")).contains("problem+json");
          var chunked =
              send(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () -> new java.io.ByteArrayInputStream(body)),
                  "application/yaml");
          assertThat(chunked.statusCode()).isEqualTo(413);
        });
    assertIntact();
  }

  private static void assertRefusedAndIntact(Path bomb, String limitName) throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> reply =
        assertTimeoutPreemptively(
            QUICKLY, () -> send(HttpRequest.BodyPublishers.ofFile(bomb), "application/gzip"));
    System.out.printf(
        "%s (%d bytes): %d in %d ms%n",
        bomb.getFileName(),
        Files.size(bomb),
        reply.statusCode(),
        (System.nanoTime() - started) / 1_000_000);
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(413);
    assertThat(reply.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(reply.body()).contains(limitName);
    assertIntact();
  }

  /** The JVM is alive and healthy, and the snapshot stored before is there, unchanged. */
  private static void assertIntact() {
    assertThat(process.isAlive()).as("the Hopscope JVM is still running").isTrue();
    assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    assertThat(api.count()).isEqualTo(1);
    assertThat(api.get("/api/v1/snapshots/" + snapshotId + "/export").bytes())
        .isEqualTo(exportBefore);
  }

  private static HttpResponse<String> send(HttpRequest.BodyPublisher body, String contentType)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    return client.send(
        HttpRequest.newBuilder(URI.create(base() + "/api/v1/snapshots/import"))
            .timeout(QUICKLY)
            .header("Content-Type", contentType)
            .POST(body)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String base() {
    return "http://localhost:" + port;
  }

  /** {@code start}, then {@code count} copies of {@code fill}, gzipped into a file as it goes. */
  private static Path gzipOf(Path file, byte[] start, byte fill, long count) throws IOException {
    byte[] chunk = new byte[(int) MIB];
    Arrays.fill(chunk, fill);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      out.write(start);
      for (long written = 0; written < count; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, count - written));
      }
    }
    return file;
  }

  private static int portOf(Process process) throws Exception {
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
                  if (line.contains("ERROR")
                      || line.contains("OutOfMemory")
                      || line.contains("Exception")) {
                    System.out.println("[small-heap hopscope] " + line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              port.completeExceptionally(
                  new IllegalStateException("Hopscope exited before it listened"));
            },
            "small-heap-hopscope-log");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }
}
