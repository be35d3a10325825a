package io.hopscope.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any controller sees them are answered with {@code
 * application/problem+json} like every other error, instead of an empty 414, 431 or 400: a request
 * line longer than {@code server.netty.max-initial-line-length} (414), headers beyond {@code
 * server.max-http-request-header-size} (431), a malformed request, and a target whose
 * percent-escapes do not decode (400 naming the parameter; Spring's adapter would answer an empty
 * 400 for {@code %zz}, and decode bytes that are not UTF-8 silently). The connection is closed
 * afterwards: the rest of such a request is not read.
 */
@Component
class RefusedRequests implements NettyServerCustomizer {

  static final String HANDLER_NAME = "hopscope.refusedRequests";

  private final JsonMapper json;

  RefusedRequests(JsonMapper json) {
    this.json = json;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, remoteAddress) -> {
          ChannelPipeline pipeline = channel.pipeline();
          if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addBefore(
                NettyPipeline.HttpTrafficHandler, HANDLER_NAME, new RefuseUndecodable(json));
          }
        });
  }

  /** Between the HTTP codec and Reactor Netty: sees each decoded request first. */
  static final class RefuseUndecodable extends ChannelInboundHandlerAdapter {

    private final JsonMapper json;
    private boolean refused;

    RefuseUndecodable(JsonMapper json) {
      this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (refused) {
        ReferenceCountUtil.release(message);
        return;
      }
      if (!(message instanceof HttpObject object)) {
        ctx.fireChannelRead(message);
        return;
      }
      if (!object.decoderResult().isSuccess()) {
        refuse(ctx, message, undecodable(object.decoderResult().cause()));
        return;
      }
      if (object instanceof HttpRequest request) {
        Optional<PercentEscapes.Refusal> refusal = PercentEscapes.check(request.uri());
        if (refusal.isPresent()) {
          refuse(ctx, message, badEscape(refusal.get()));
          return;
        }
      }
      ctx.fireChannelRead(message);
    }

    private void refuse(ChannelHandlerContext ctx, Object message, FullHttpResponse response) {
      refused = true;
      ReferenceCountUtil.release(message);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse badEscape(PercentEscapes.Refusal refusal) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "about:blank");
      if (refusal.parameter() == null) {
        body.put("title", "Bad request");
      } else {
        body.put("title", "Bad parameter '" + refusal.parameter() + "'");
        body.put("parameter", refusal.parameter());
      }
      body.put("status", 400);
      body.put("detail", refusal.detail());
      return response(HttpResponseStatus.BAD_REQUEST, body);
    }

    private FullHttpResponse undecodable(Throwable cause) {
      HttpResponseStatus status;
      String detail;
      if (cause instanceof TooLongHttpLineException) {
        status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
        detail = "the request line (method, path and query) is too long";
      } else if (cause instanceof TooLongHttpHeaderException) {
        status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        detail = "the request headers are too large";
      } else if (cause instanceof TooLongFrameException) {
        status = HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        detail = "a part of the request is too large";
      } else {
        status = HttpResponseStatus.BAD_REQUEST;
        detail = "the request is not valid HTTP/1.1";
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("type", "about:blank");
      body.put("title", status.reasonPhrase());
      body.put("status", status.code());
      body.put("detail", detail);
      return response(status, body);
    }

    private FullHttpResponse response(HttpResponseStatus status, Map<String, Object> body) {
      byte[] bytes = json.writeValueAsBytes(body);
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
      response
          .headers()
          .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      SecurityHeaders.HEADERS.forEach(response.headers()::set);
      return response;
    }
  }
}
