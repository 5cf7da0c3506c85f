package io.skald.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Outbound, just before the HTTP codec of a proxied request: sends the client's original request target (from {@link
 * RawRequestUri#HEADER}, which is removed) when it names the path being sent, so the bytes of the path and query are
 * the client's whatever encoding routing applied; a route that changed the path keeps its own target.
 */
final class RawUriClientHandler extends ChannelOutboundHandlerAdapter {
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            String raw = request.headers().get(RawRequestUri.HEADER);
            if (raw != null) {
                request.headers().remove(RawRequestUri.HEADER);
                if (RawRequestUri.samePath(raw, request.uri())) {
                    request.setUri(raw);
                }
            }
        }
        super.write(ctx, msg, promise);
    }
}
