package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One keep-alive connection serves request after request, whatever the order in which the server
 * finishes them. The case that used to stall: the client has the whole response to one request (so
 * it sends the next) while the server is still finishing that request; the next request is queued
 * and then answered at once (a 400); the connection then stopped reading, and the third request
 * waited until the client gave up. Reactor Netty 1.3.6 behaves like this; {@link KeepAliveReads}
 * keeps the connection reading.
 */
@HopscopeAppTest
class KeepAliveIT {

  /**
   * A request with this header gets its whole response at once, but the server finishes it a little
   * later.
   */
  static final String LATE_FINISH = "X-Test-Late-Finish";

  @TestConfiguration
  static class LateFinish {
    @Bean
    WebFilter lateFinish() {
      return (exchange, chain) -> {
        if (!exchange.getRequest().getHeaders().containsHeader(LATE_FINISH)) {
          return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
        response.getHeaders().setContentLength(body.length);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        // the body is flushed first; the end of the response follows after a pause
        Flux<DataBuffer> late =
            Flux.concat(
                Mono.just(response.bufferFactory().wrap(body)),
                Mono.delay(Duration.ofMillis(300)).then(Mono.empty()));
        return exchange
            .getRequest()
            .getBody()
            .then(response.writeAndFlushWith(late.map(Mono::just)));
      };
    }
  }

  @LocalServerPort int port;

  @Test
  @DisplayName(
      "A request that arrives while the previous one is still finishing, and is answered at once, leaves the connection reading")
  void requestQueuedBehindOneStillFinishing() throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      var connection = new Connection(socket);
      // the client has the whole response and sends the next request while the server still
      // finishes the first
      connection.send(request("/api/v1/topology", LATE_FINISH + ": yes"));
      assertThat(connection.readResponse()).isEqualTo(200);
      connection.send(request(BAD_TRACE));
      assertThat(connection.readResponse()).isEqualTo(400);
      connection.send(request(BAD_TRACE));
      assertThat(connection.readResponse()).isEqualTo(400);
      connection.send(request("/actuator/health"));
      assertThat(connection.readResponse()).isEqualTo(200);
    }
  }

  private static final String BAD_TRACE = "/api/v1/trace?from=nope&to=shop/x&port=80";

  private static String request(String path) {
    return request(path, null);
  }

  private static String request(String path, String header) {
    return "GET "
        + path
        + " HTTP/1.1\r\nHost: localhost\r\n"
        + (header == null ? "" : header + "\r\n")
        + "\r\n";
  }

  /**
   * Plain HTTP/1.1 on one socket: each request is sent once the previous response has been read in
   * full.
   */
  private record Connection(Socket socket) {

    void send(String requests) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(requests.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    /** Reads one whole response and returns its status. */
    int readResponse() throws IOException {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int status = Integer.parseInt(head.substring(9, 12));
      String lower = head.toLowerCase(Locale.ROOT);
      if (lower.contains("\r\ntransfer-encoding: chunked")) {
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
          in.readNBytes(size + 2);
        }
        readLine(in);
      } else {
        int at = lower.indexOf("\r\ncontent-length:");
        assertThat(at).as(head).isPositive();
        int end = lower.indexOf("\r\n", at + 2);
        in.readNBytes(Integer.parseInt(lower.substring(at + 17, end).trim()));
      }
      return status;
    }

    private static int chunkSize(InputStream in) throws IOException {
      return Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder head = new StringBuilder();
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        head.append(line).append("\r\n");
      }
      return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed mid-response");
        }
        if (b != '\r') {
          line.write(b);
        }
      }
      return line.toString(StandardCharsets.US_ASCII);
    }
  }
}
