package io.hopscope.web;

import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors that happen before a controller runs (unknown path, wrong method, unacceptable media type)
 * under {@code /api/}: rendered as {@code application/problem+json} like every other API error,
 * instead of Boot's default error JSON. Runs before Boot's error handler (order -1).
 */
@Component
@Order(-2)
class ApiErrors implements WebExceptionHandler {

  private final JsonMapper json;

  ApiErrors(JsonMapper json) {
    this.json = json;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    ServerHttpResponse response = exchange.getResponse();
    if (!path.startsWith("/api/")
        || !(error instanceof ResponseStatusException status)
        || response.isCommitted()) {
      return Mono.error(error);
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(status.getStatusCode(), detail(status, path));
    HttpStatus known = HttpStatus.resolve(status.getStatusCode().value());
    problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
    status.getHeaders().forEach((name, values) -> response.getHeaders().put(name, values));
    return write(exchange, json, problem);
  }

  /**
   * Writes a problem as the response ({@code application/problem+json}), with the request path as
   * its {@code instance}; for errors found outside controllers.
   */
  static Mono<Void> write(ServerWebExchange exchange, JsonMapper json, ProblemDetail problem) {
    ServerHttpResponse response = exchange.getResponse();
    if (problem.getInstance() == null) {
      try {
        problem.setInstance(java.net.URI.create(exchange.getRequest().getURI().getRawPath()));
      } catch (IllegalArgumentException e) {
        // a path that is not a valid URI (a broken escape): the problem says so without it
      }
    }
    response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
    return response.writeWith(Mono.just(body));
  }

  private static String detail(ResponseStatusException status, String path) {
    if (status.getStatusCode().value() == 404) {
      return "no API endpoint at " + path + " (see /v3/api-docs)";
    }
    return status.getReason() == null ? status.getMessage() : status.getReason();
  }
}
