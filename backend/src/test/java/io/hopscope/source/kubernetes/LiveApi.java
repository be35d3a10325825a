package io.hopscope.source.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running application's HTTP API, as a browser or curl would use it. */
final class LiveApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  LiveApi(int port) {
    this.port = port;
  }

  /** {@code GET path} as JSON; fails on a non-200 answer. */
  JsonNode json(String path) {
    try {
      HttpResponse<String> response =
          http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The pods of {@code /api/v1/topology}. */
  Stream<JsonNode> topologyPods() {
    return json("/api/v1/topology").get("pods").valueStream();
  }

  /** Opens {@code /api/v1/events} and collects its lines until {@link EventStream#close()}. */
  EventStream events() {
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        http.sendAsync(
            request("/api/v1/events").header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
    CompletableFuture<Void> reading = response.thenAcceptAsync(r -> r.body().forEach(lines::add));
    EventStream stream = new EventStream(lines, reading);
    Eventually.within(
        Duration.ofSeconds(10), "the event stream to open", () -> !lines.isEmpty(), () -> lines);
    return stream;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
  }

  /** Lines received on an open SSE connection. */
  record EventStream(List<String> lines, CompletableFuture<Void> reading) implements AutoCloseable {

    boolean hasData(String text) {
      return lines.stream().anyMatch(line -> line.startsWith("data:") && line.contains(text));
    }

    @Override
    public void close() {
      reading.cancel(true);
    }
  }
}
