package io.hopscope.web;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Keeps every HTTP/1.1 keep-alive connection reading once a response has been sent.
 *
 * <p>Reactor Netty reads a connection on demand and re-arms the read when a request's handling
 * terminates. In 1.3.6 one path forgets to: a request that arrives while the previous one is still
 * terminating is queued; when that queued request is then answered at once (a 400, say), its
 * termination drains the queue without asking for the next read. The connection then ignores the
 * client's next request until the client gives up. Users saw it as a snapshot query that hung after
 * the snapshot had just been fetched on the same connection (reactor-netty issue 4361, fixed
 * upstream after the versions available to us). Asking for a read after each response's last part
 * is written is harmless where a read is already pending, and ends the stall where none is.
 */
@Component
class KeepAliveReads implements NettyServerCustomizer {

  static final String HANDLER_NAME = "hopscope.keepAliveReads";

  private static final Logger log = LoggerFactory.getLogger(KeepAliveReads.class);

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, remoteAddress) -> {
          ChannelPipeline pipeline = channel.pipeline();
          if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addBefore(
                NettyPipeline.HttpTrafficHandler, HANDLER_NAME, new ReadAfterResponse());
          } else {
            log.debug(
                "No HTTP/1.1 traffic handler on {}; keep-alive reads left to Reactor Netty",
                channel);
          }
        });
  }

  /**
   * Sits between the HTTP codec and Reactor Netty's traffic handler, so it sees each response as
   * sent.
   */
  static final class ReadAfterResponse extends ChannelDuplexHandler {

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
      if (!(message instanceof LastHttpContent)) {
        ctx.write(message, promise);
        return;
      }
      ChannelPromise written = promise.unvoid();
      written.addListener(
          future -> {
            if (future.isSuccess() && ctx.channel().isActive()) {
              ctx.read();
            }
          });
      ctx.write(message, written);
    }
  }
}
