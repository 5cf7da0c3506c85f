package io.skald.config;

/**
 * {@code gateway:} Skald's own section (Loki leaves this to NGINX): where the gateway sends each route, and the push
 * body limit ({@code client_max_body_size} in the NGINX config).
 */
public record GatewayConfig(
        String distributorUrl,
        String queryFrontendUrl,
        String querierUrl,
        String rulerUrl,
        String compactorUrl,
        long maxBodySize) {

    static GatewayConfig bind(ConfigReader r) {
        return new GatewayConfig(
                r.string("distributor_url", "http://distributor:3100"),
                r.string("query_frontend_url", "http://query-frontend:3100"),
                r.string("querier_url", "http://querier:3100"),
                r.string("ruler_url", "http://ruler:3100"),
                r.string("compactor_url", "http://compactor:3100"),
                r.bytes("max_body_size", 100L * 1024 * 1024));
    }
}
