package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.manifests.ManifestMutations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Mutated uploads and query strings over real HTTP/1.1 (a raw socket, so any byte can be sent):
 * every request is answered, within a generous time, and never with a 5xx. Uploads that are
 * imported are then queried, so a state that was accepted cannot crash a later analysis either.
 */
@HopscopeAppTest
class BadInputFuzzIT {

  private static final long SEED = 20_260_913L;
  private static final int UPLOADS = 150;
  private static final int QUERIES = 400;
  private static final int ANSWER_WITHIN_MS = 30_000;
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
  private static final Pattern ID = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"");

  @LocalServerPort int port;

  private final List<String> failures = new ArrayList<>();

  @Test
  @DisplayName(
      "Mutated manifest uploads are 201 or 4xx, never 5xx, and what they import can be queried")
  void mutatedUploads() throws IOException {
    ManifestMutations corpus = ManifestMutations.corpus();
    Random random = new Random(SEED);
    int imported = 0;
    for (int i = 0; i < UPLOADS; i++) {
      ManifestMutations.Case input = corpus.mutate(SEED, i);
      byte[] body = input.text().getBytes(StandardCharsets.UTF_8);
      String type =
          input.text().stripLeading().startsWith("{") ? "application/json" : "application/yaml";
      if (random.nextInt(4) == 0) {
        body = gzip(body);
        type = "application/gzip";
      }
      Answer answer = request("POST", "/api/v1/snapshots/import", type, body);
      check("upload " + i + " (" + input.description() + ")", answer);
      Matcher id = ID.matcher(answer.body());
      if (answer.status() == 201 && id.find()) {
        imported++;
        String snapshot = "/api/v1/snapshots/" + id.group(1);
        for (String path :
            List.of(snapshot, snapshot + "/connectivity?format=txt", "/snapshots/" + id.group(1))) {
          check("upload " + i + " then " + path, request("GET", path, null, null));
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(imported).as("uploads imported").isGreaterThan(UPLOADS / 10);
  }

  @Test
  @DisplayName("Mutated query strings on trace, verdict, connectivity and the pages are never 5xx")
  void mutatedQueries() throws IOException {
    Answer captured = request("POST", "/api/v1/snapshots", null, new byte[0]);
    Matcher id = ID.matcher(captured.body());
    assertThat(id.find()).as(captured.body()).isTrue();
    String snapshot = "/api/v1/snapshots/" + id.group(1);
    List<String> paths =
        List.of(
            "/api/v1/trace",
            "/api/v1/policy/verdict",
            "/api/v1/connectivity",
            snapshot + "/trace",
            snapshot + "/policy/verdict",
            snapshot + "/connectivity",
            "/trace",
            "/policies",
            "/api/v1/topology",
            "/api/v1/snapshots");
    Random random = new Random(SEED);
    for (int i = 0; i < QUERIES; i++) {
      String target = paths.get(random.nextInt(paths.size())) + "?" + QueryMutations.query(random);
      check("query " + i + " " + abbreviate(target), request("GET", target, null, null));
    }
    assertThat(failures).isEmpty();
  }

  private void check(String what, Answer answer) {
    if (answer.status() < 0) {
      failures.add(what + ": no answer (" + answer.body() + ")");
    } else if (answer.status() >= 500) {
      failures.add(what + ": " + answer.status() + " " + abbreviate(answer.body()));
    }
  }

  /** The status and body of one request on a connection of its own; status -1 when none came. */
  private record Answer(int status, String body) {}

  private Answer request(String method, String target, String contentType, byte[] body) {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(ANSWER_WITHIN_MS);
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: localhost\r\nConnection: close\r\n");
      if (contentType != null) {
        head.append("Content-Type: ").append(contentType).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      // ISO-8859-1: every char of the target goes out as exactly one byte, raw bytes included
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      Matcher status = STATUS.matcher(response);
      if (!status.find()) {
        return new Answer(-1, "not an HTTP response: " + abbreviate(response));
      }
      int separator = response.indexOf("\r\n\r\n");
      return new Answer(
          Integer.parseInt(status.group(1)),
          separator < 0 ? "" : response.substring(separator + 4));
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
