package io.skald.gateway;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * NGINX's {@code client_max_body_size}: a request declaring a larger body is refused with 413 before it is proxied.
 * Bodies without a length (chunked) pass through and are limited by the distributor itself.
 */
final class BodySizeLimitFilter implements WebFilter {
    private final long maxBodySize;

    BodySizeLimitFilter(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (maxBodySize > 0 && length > maxBodySize) {
            var response = exchange.getResponse();
            response.setStatusCode(HttpStatus.PAYLOAD_TOO_LARGE);
            response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
            DataBuffer body =
                    response.bufferFactory().wrap("request body too large\n".getBytes(StandardCharsets.UTF_8));
            return response.writeWith(Mono.just(body));
        }
        return chain.filter(exchange);
    }
}
