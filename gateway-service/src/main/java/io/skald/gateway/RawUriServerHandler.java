package io.skald.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Inbound, right after the HTTP codec: replaces any {@link RawRequestUri#HEADER} a client sent with the request's own
 * target, and passes an encoded form on when the target holds characters Spring would refuse or re-encode.
 */
final class RawUriServerHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest request) {
            String target = request.uri();
            request.headers().set(RawRequestUri.HEADER, target);
            if (RawRequestUri.needsEncoding(target)) {
                request.setUri(RawRequestUri.encode(target));
            }
        }
        ctx.fireChannelRead(msg);
    }
}
