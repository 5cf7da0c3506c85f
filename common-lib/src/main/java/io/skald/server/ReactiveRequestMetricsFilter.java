package io.skald.server;

import io.skald.metrics.LokiMetrics;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/** Times every WebFlux request (the gateway's) into {@code loki_request_duration_seconds}. */
public final class ReactiveRequestMetricsFilter implements WebFilter {
    private final RequestMetrics metrics;

    public ReactiveRequestMetricsFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            Object pattern = exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String route = pattern instanceof PathPattern p
                    ? LokiMetrics.routeName(p.getPatternString())
                    : LokiMetrics.routeName(exchange.getRequest().getPath().value());
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            boolean websocket = "websocket"
                    .equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
            metrics.record(
                    route,
                    exchange.getRequest().getMethod().name(),
                    status == null ? 200 : status.value(),
                    websocket,
                    System.nanoTime() - start);
        });
    }
}
