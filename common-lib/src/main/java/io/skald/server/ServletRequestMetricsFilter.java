package io.skald.server;

import io.skald.metrics.LokiMetrics;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/** Times every Spring MVC request into {@code loki_request_duration_seconds}, labelled by the matched route. */
public final class ServletRequestMetricsFilter extends OncePerRequestFilter {
    private final RequestMetrics metrics;

    public ServletRequestMetricsFilter(RequestMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String route = pattern == null ? "other" : LokiMetrics.routeName(pattern.toString());
            boolean websocket = "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
            metrics.record(route, request.getMethod(), response.getStatus(), websocket, System.nanoTime() - start);
        }
    }
}
