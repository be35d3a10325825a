package io.hopscope.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP against a running Hopscope: status, headers and body of each call. */
public final class Api {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** For requests without a body; their connections are reused. */
  private final HttpClient client = newClient();

  private final String base;

  public Api(int port) {
    this.base = "http://localhost:" + port;
  }

  public record Reply(int status, HttpResponse<byte[]> response) {
    public String text() {
      return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonNode json() {
      return JSON.readTree(response.body());
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public byte[] bytes() {
      return response.body();
    }
  }

  public Reply get(String path) {
    return send(client, HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Reply delete(String path) {
    return send(client, HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public Reply post(String path, String contentType, byte[] body) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    // A connection of its own: the server may answer (413, 415) before it has read the body, and
    // the JDK client can then hand that connection, still half-way through the upload, to the next
    // request, which waits forever. A browser's upload does not share a connection this way.
    return send(newClient(), request);
  }

  public Reply post(String path, String contentType, String body) {
    return post(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Captures with an optional name; returns the reply (201 expected). */
  public Reply capture(String name) {
    return name == null
        ? post("/api/v1/snapshots", null, new byte[0])
        : post(
            "/api/v1/snapshots",
            "application/json",
            JSON.writeValueAsBytes(java.util.Map.of("name", name)));
  }

  public long count() {
    return get("/api/v1/snapshots?size=1").json().get("total").asLong();
  }

  // HTTP/1.1 like a browser: the JDK client's default h2c upgrade attempt is not what users send.
  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static Reply send(HttpClient client, HttpRequest.Builder request) {
    try {
      var response =
          client.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
