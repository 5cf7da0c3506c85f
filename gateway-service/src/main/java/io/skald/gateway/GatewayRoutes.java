package io.skald.gateway;

import io.skald.config.GatewayConfig;
import java.net.URI;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.http.HttpMethod;

/**
 * The routes of Loki's NGINX gateway ({@code gateway-nginx.conf}): push to the distributor, the tail websocket to the
 * querier, the query API to the query frontend; plus rules to the ruler and deletes to the compactor. The gateway's
 * own {@code /ready}, {@code /metrics} and {@code /config} are served locally, as for every component.
 */
final class GatewayRoutes {
    private GatewayRoutes() {}

    static RouteLocator routes(RouteLocatorBuilder builder, GatewayConfig config) {
        String distributor = config.distributorUrl();
        String frontend = config.queryFrontendUrl();
        String ruler = config.rulerUrl();
        String compactor = config.compactorUrl();
        String tail = websocket(config.querierUrl());
        return builder.routes()
                .route(
                        "push",
                        r -> r.path("/loki/api/v1/push", "/api/prom/push", "/otlp/v1/logs")
                                .and()
                                .method(HttpMethod.POST)
                                .uri(distributor))
                .route(
                        "tail",
                        r -> r.path("/loki/api/v1/tail", "/api/prom/tail").uri(tail))
                .route(
                        "rules",
                        r -> r.path(
                                        "/loki/api/v1/rules",
                                        "/loki/api/v1/rules/**",
                                        "/api/prom/rules",
                                        "/api/prom/rules/**",
                                        "/prometheus/api/v1/rules",
                                        "/prometheus/api/v1/alerts")
                                .uri(ruler))
                .route(
                        "delete",
                        r -> r.path("/loki/api/v1/delete", "/loki/api/v1/cache/generation_numbers")
                                .uri(compactor))
                .route("query", r -> r.path("/loki/api/**", "/api/prom/**").uri(frontend))
                .build();
    }

    /** The tail route must speak ws:// (or wss://) to the querier for the upgrade to be proxied. */
    static String websocket(String url) {
        URI uri = URI.create(url);
        String scheme = "https".equals(uri.getScheme()) ? "wss" : "ws";
        return scheme + url.substring(uri.getScheme().length());
    }
}
