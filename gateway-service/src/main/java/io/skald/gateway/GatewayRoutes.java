package io.skald.gateway;

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

    static RouteLocator routes(RouteLocatorBuilder builder, GatewayUpstreams upstreams) {
        String distributor = upstreams.route(GatewayUpstreams.PUSH).url();
        String frontend = upstreams.route(GatewayUpstreams.QUERY).url();
        String ruler = upstreams.route(GatewayUpstreams.RULES).url();
        String compactor = upstreams.route(GatewayUpstreams.DELETE).url();
        String tail = upstreams.route(GatewayUpstreams.TAIL).url();
        return builder.routes()
                .route(
                        GatewayUpstreams.PUSH,
                        r -> r.path("/loki/api/v1/push", "/api/prom/push", "/otlp/v1/logs")
                                .and()
                                .method(HttpMethod.POST)
                                .uri(distributor))
                .route(
                        GatewayUpstreams.TAIL,
                        r -> r.path("/loki/api/v1/tail", "/api/prom/tail").uri(tail))
                .route(
                        GatewayUpstreams.RULES,
                        r -> r.path(
                                        "/loki/api/v1/rules",
                                        "/loki/api/v1/rules/**",
                                        "/api/prom/rules",
                                        "/api/prom/rules/**",
                                        "/prometheus/api/v1/rules",
                                        "/prometheus/api/v1/alerts")
                                .uri(ruler))
                .route(
                        GatewayUpstreams.DELETE,
                        r -> r.path("/loki/api/v1/delete", "/loki/api/v1/cache/generation_numbers")
                                .uri(compactor))
                .route(
                        GatewayUpstreams.QUERY,
                        r -> r.path("/loki/api/**", "/api/prom/**").uri(frontend))
                .build();
    }

    /** The tail route must speak ws:// (or wss://) to the querier for the upgrade to be proxied. */
    static String websocket(String url) {
        URI uri = URI.create(url);
        String scheme = "https".equals(uri.getScheme()) ? "wss" : "ws";
        return scheme + url.substring(uri.getScheme().length());
    }
}
