package io.hopscope.web;

import java.util.Map;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health probe's answer cut down to {@code {"status":"UP"}} for a caller without the token: the
 * details (source name, kube context, messages) describe the cluster, the status is all a probe
 * needs. Actuator's own {@code when-authorized} would need Spring Security, which Hopscope does not
 * use.
 */
final class StatusOnlyHealth extends ServerHttpResponseDecorator {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  StatusOnlyHealth(ServerHttpResponse delegate) {
    super(delegate);
  }

  @Override
  public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
    return DataBufferUtils.join(body)
        .flatMap(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              byte[] out = statusOnly(bytes);
              getHeaders().setContentLength(out.length);
              return super.writeWith(Mono.just(bufferFactory().wrap(out)));
            });
  }

  /** {@code {"status":...}} of a health document; UNKNOWN when it is not one. */
  static byte[] statusOnly(byte[] health) {
    String status = "UNKNOWN";
    try {
      JsonNode node = JSON.readTree(health);
      if (node != null && node.get("status") != null && node.get("status").isString()) {
        status = node.get("status").asString();
      }
    } catch (JacksonException e) {
      // not JSON: say nothing about it
    }
    return JSON.writeValueAsBytes(Map.of("status", status));
  }
}
