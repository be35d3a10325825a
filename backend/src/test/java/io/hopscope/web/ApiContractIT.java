package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.ClusterSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One contract for every endpoint: the same bad parameter gets the same problem on the REST
 * endpoints and their snapshot variants, and the same message on the pages; requests refused before
 * any controller (too long, undecodable) are problems too; the OpenAPI description says all of it.
 */
@HopscopeAppTest
class ApiContractIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired ClusterSource source;

  private final HttpClient http = HttpClient.newHttpClient();

  /** One snapshot for the whole class (the context is shared too). */
  private static String snapshot;

  private String web;
  private String cart;

  @BeforeEach
  void captureAndPickPods() {
    if (snapshot == null) {
      Reply created = send("POST", "/api/v1/snapshots");
      assertThat(created.status()).isEqualTo(201);
      snapshot = created.json().path("id").asString();
    }
    web = DefaultDemo.shopPod(source, "web", "").ref().toString();
    cart = DefaultDemo.shopPod(source, "cart", "").ref().toString();
  }

  /**
   * A bad query ({@code WEB} and {@code CART} stand for two demo pods) and the parameter it must be
   * blamed on.
   */
  record BadQuery(String name, String parameter, String query, boolean pages, boolean trace) {}

  static Stream<BadQuery> badQueries() {
    String web = "WEB";
    String cart = "CART";
    String ok = "from=" + web + "&to=" + cart;
    return Stream.of(
        new BadQuery("from missing", "from", "to=" + cart + "&port=80", true, true),
        new BadQuery("from malformed", "from", "from=nonsense&to=" + cart + "&port=80", true, true),
        new BadQuery("from checked before to", "from", "from=nonsense&to=bad&port=80", true, true),
        new BadQuery("to malformed", "to", "from=" + web + "&to=bad&port=80", true, true),
        new BadQuery(
            "unknown from pod", "from", "from=shop/nope&to=" + cart + "&port=80", true, true),
        new BadQuery("port 0", "port", ok + "&port=0", true, true),
        new BadQuery("port not a number", "port", ok + "&port=http", true, true),
        new BadQuery("port too large", "port", ok + "&port=70000", true, true),
        new BadQuery("protocol unknown", "protocol", ok + "&port=80&protocol=ICMP", true, true),
        new BadQuery(
            "ipBlockMatchesPods not a boolean",
            "ipBlockMatchesPods",
            ok + "&port=80&ipBlockMatchesPods=maybe",
            false,
            true),
        new BadQuery(
            "hostNetworkPodsAsPods not a boolean",
            "hostNetworkPodsAsPods",
            ok + "&port=80&hostNetworkPodsAsPods=maybe",
            false,
            false));
  }

  static Stream<Arguments> badQueryCases() {
    return badQueries().map(q -> Arguments.of(q.name(), q));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badQueryCases")
  @DisplayName("the same bad parameter gets the same problem on every endpoint and page")
  void sameProblemEverywhere(String name, BadQuery template) {
    BadQuery bad =
        new BadQuery(
            template.name(),
            template.parameter(),
            template.query().replace("WEB", web).replace("CART", cart),
            template.pages(),
            template.trace());
    List<String> endpoints = new ArrayList<>();
    endpoints.add("/api/v1/policy/verdict");
    endpoints.add("/api/v1/snapshots/" + snapshot + "/policy/verdict");
    if (bad.trace()) {
      endpoints.add("/api/v1/trace");
      endpoints.add("/api/v1/snapshots/" + snapshot + "/trace");
    }
    if (bad.parameter().endsWith("Pods")) {
      endpoints.add("/api/v1/connectivity");
      endpoints.add("/api/v1/snapshots/" + snapshot + "/connectivity");
    }
    Reply first = send("GET", endpoints.get(0) + "?" + bad.query());
    assertThat(first.status()).as(first.body()).isIn(400, 404);
    assertThat(first.contentType()).startsWith("application/problem+json");
    JsonNode expected = first.json();
    assertThat(expected.path("parameter").asString()).isEqualTo(bad.parameter());
    assertThat(expected.path("title").asString()).contains(bad.parameter());
    String detail = expected.path("detail").asString();
    assertThat(detail).isNotBlank();
    for (String endpoint : endpoints.subList(1, endpoints.size())) {
      Reply reply = send("GET", endpoint + "?" + bad.query());
      assertThat(reply.status()).as(endpoint).isEqualTo(first.status());
      assertThat(reply.contentType()).as(endpoint).startsWith("application/problem+json");
      JsonNode problem = reply.json();
      for (String field : List.of("status", "title", "detail", "parameter")) {
        assertThat(problem.path(field)).as(endpoint + " " + field).isEqualTo(expected.path(field));
      }
    }
    if (bad.pages()) {
      // a page names the parameter as the problem's title does, then gives the same detail
      String shown = HtmlUtils.htmlEscape(expected.path("title").asString() + ": " + detail);
      for (String page :
          List.of("/trace?" + bad.query(), "/trace?snapshot=" + snapshot + "&" + bad.query())) {
        Reply reply = send("GET", page);
        assertThat(reply.status()).as(page).isEqualTo(first.status());
        assertThat(reply.body()).as(page).contains("trace-error").contains(shown);
      }
      Reply policies = send("GET", "/policies?" + bad.query());
      assertThat(policies.body()).as("/policies").contains("whatif-error").contains(shown);
    }
  }

  @Test
  @DisplayName("ipBlockMatchesPods is checked by the same parser on the policies page")
  void policiesPageFlag() {
    Reply api = send("GET", "/api/v1/connectivity?ipBlockMatchesPods=maybe");
    Reply page = send("GET", "/policies?ipBlockMatchesPods=maybe");
    assertThat(page.body()).contains(HtmlUtils.htmlEscape(api.json().path("detail").asString()));
  }

  @Test
  @DisplayName("a request line beyond Netty's limit is a 414 problem, too large headers a 431")
  void oversized() throws IOException {
    String longValue = "a".repeat(10_000);
    Reply uri = rawGet("/api/v1/trace?from=" + longValue, "");
    assertThat(uri.status()).isEqualTo(414);
    assertThat(uri.contentType()).startsWith("application/problem+json");
    assertThat(uri.json().path("status").asInt()).isEqualTo(414);
    assertThat(uri.json().path("detail").asString()).contains("too long");
    // answered before Spring, yet with the same security headers as every other response
    assertThat(uri.head())
        .contains("Content-Security-Policy: default-src 'self'")
        .contains("X-Frame-Options: DENY")
        .contains("Referrer-Policy: no-referrer");

    Reply headers = rawGet("/api/v1/topology", "X-Padding: " + "b".repeat(20_000) + "\r\n");
    assertThat(headers.status()).isEqualTo(431);
    assertThat(headers.contentType()).startsWith("application/problem+json");
    assertThat(headers.json().path("status").asInt()).isEqualTo(431);
  }

  @Test
  @DisplayName(
      "undecodable percent-escapes are a 400 problem naming the parameter, on API and pages")
  void undecodable() throws IOException {
    for (String path : List.of("/api/v1/trace", "/api/v1/policy/verdict", "/trace", "/policies")) {
      for (String value : List.of("%zz", "%4", "%E0%A4")) {
        Reply reply = rawGet(path + "?to=" + cart + "&from=" + value, "Connection: close\r\n");
        assertThat(reply.status()).as(path + " " + value).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("parameter").asString()).isEqualTo("from");
      }
    }
    Reply path = rawGet("/api/v1/snapshots/%zz", "Connection: close\r\n");
    assertThat(path.status()).isEqualTo(400);
    assertThat(path.contentType()).startsWith("application/problem+json");
  }

  @Test
  @DisplayName(
      "OpenAPI: title and version, required parameters, real status codes, problem responses,"
          + " request bodies, boolean flags")
  void openApi() {
    JsonNode api = send("GET", "/v3/api-docs").json();
    assertThat(api.path("info").path("title").asString()).isEqualTo("Hopscope API");
    assertThat(api.path("info").path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");

    JsonNode paths = api.path("paths");
    assertThat(required(paths.path("/api/v1/trace").path("get"))).contains("from", "to");
    assertThat(required(paths.path("/api/v1/policy/verdict").path("get")))
        .contains("from", "to", "port");
    assertThat(required(paths.path("/api/v1/snapshots/{snapshot}/trace").path("get")))
        .contains("snapshot", "from", "to");

    JsonNode capture = paths.path("/api/v1/snapshots").path("post");
    assertThat(names(capture.path("responses")))
        .contains("201", "400", "413")
        .doesNotContain("200");
    assertThat(capture.path("requestBody").path("content").has("application/json")).isTrue();
    JsonNode upload = paths.path("/api/v1/snapshots/import").path("post");
    assertThat(names(upload.path("responses")))
        .contains("201", "400", "413", "415")
        .doesNotContain("200");
    assertThat(names(upload.path("requestBody").path("content")))
        .contains("application/json", "application/yaml", "application/gzip");
    JsonNode delete = paths.path("/api/v1/snapshots/{id}").path("delete");
    assertThat(names(delete.path("responses"))).contains("204", "404").doesNotContain("200");

    JsonNode badTrace = paths.path("/api/v1/trace").path("get").path("responses").path("400");
    JsonNode problem = badTrace.path("content").path("application/problem+json").path("schema");
    assertThat(problem.path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
    JsonNode problemSchema = api.path("components").path("schemas").path("Problem");
    assertThat(names(problemSchema.path("properties")))
        .contains("type", "title", "status", "detail", "instance", "parameter");

    List<String> flags = new ArrayList<>();
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          for (JsonNode parameter : op.getValue().path("parameters")) {
                            String name = parameter.path("name").asString();
                            if (name.equals("ipBlockMatchesPods")
                                || name.equals("hostNetworkPodsAsPods")) {
                              flags.add(path.getKey() + " " + name + " " + type(parameter));
                            }
                          }
                        }));
    api.path("components")
        .path("schemas")
        .properties()
        .forEach(
            schema ->
                schema
                    .getValue()
                    .path("properties")
                    .properties()
                    .forEach(
                        property -> {
                          if (property.getKey().equals("ipBlockMatchesPods")
                              || property.getKey().equals("hostNetworkPodsAsPods")) {
                            flags.add(
                                schema.getKey()
                                    + " "
                                    + property.getKey()
                                    + " "
                                    + property.getValue().path("type"));
                          }
                        }));
    assertThat(flags).hasSizeGreaterThanOrEqualTo(8).allMatch(f -> f.endsWith("\"boolean\""));
  }

  private static String type(JsonNode parameter) {
    return parameter.path("schema").path("type").toString();
  }

  private static List<String> required(JsonNode operation) {
    List<String> names = new ArrayList<>();
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("required").asBoolean()) {
        names.add(parameter.path("name").asString());
      }
    }
    return names;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  /** An answer; {@code head} is the status line and headers as received (raw requests only). */
  record Reply(int status, String contentType, String body, String head) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private Reply send(String method, String pathAndQuery) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          "");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A request written by hand: the JDK client refuses some of what a server must survive. */
  private Reply rawGet(String target, String extraHeaders) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extraHeaders + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String head = response.substring(0, response.indexOf("\r\n\r\n"));
      String body = response.substring(response.indexOf("\r\n\r\n") + 4);
      int status = Integer.parseInt(head.split(" ")[1]);
      String type =
          head.lines()
              .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
              .map(l -> l.substring("content-type:".length()).trim())
              .findFirst()
              .orElse("");
      return new Reply(status, type, body, head);
    }
  }
}
