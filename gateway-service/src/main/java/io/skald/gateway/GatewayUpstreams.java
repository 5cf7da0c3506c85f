package io.skald.gateway;

import io.skald.config.GatewayConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where each gateway route goes. A blank URL means the component's Kubernetes Service
 * ({@code http://<service prefix><component>:3100}; off Kubernetes, with no prefix, the component's plain host name).
 * When the URL names that Service (blank, or a host whose first label is the Service's name, as the chart renders
 * it), Kubernetes discovery may send requests straight to the Service's ready pods; any other URL is used as given.
 */
record GatewayUpstreams(Map<String, Upstream> byRoute) {
    static final String PUSH = "push";
    static final String TAIL = "tail";
    static final String RULES = "rules";
    static final String DELETE = "delete";
    static final String QUERY = "query";

    /**
     * One route's destination.
     *
     * @param url where to send requests when discovery knows no instance (or is off)
     * @param serviceId the Kubernetes Service whose instances replace the URL's host and port; null when the URL was
     *     configured
     */
    record Upstream(
            String url, @org.jspecify.annotations.Nullable String serviceId) {}

    GatewayUpstreams {
        byRoute = Map.copyOf(byRoute);
    }

    static GatewayUpstreams of(GatewayConfig config, String servicePrefix) {
        Map<String, Upstream> routes = new LinkedHashMap<>();
        routes.put(PUSH, upstream(config.distributorUrl(), servicePrefix, "distributor"));
        Upstream querier = upstream(config.querierUrl(), servicePrefix, "querier");
        routes.put(TAIL, new Upstream(GatewayRoutes.websocket(querier.url()), querier.serviceId()));
        routes.put(RULES, upstream(config.rulerUrl(), servicePrefix, "ruler"));
        routes.put(DELETE, upstream(config.compactorUrl(), servicePrefix, "compactor"));
        routes.put(QUERY, upstream(config.queryFrontendUrl(), servicePrefix, "query-frontend"));
        return new GatewayUpstreams(routes);
    }

    Upstream route(String id) {
        Upstream upstream = byRoute.get(id);
        if (upstream == null) {
            throw new IllegalArgumentException("no upstream for route " + id);
        }
        return upstream;
    }

    private static Upstream upstream(String configured, String servicePrefix, String component) {
        String service = servicePrefix + component;
        if (configured.isBlank()) {
            return new Upstream("http://" + service + ":3100", service);
        }
        String host = URI.create(configured).getHost();
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        String firstLabel = name.indexOf('.') < 0 ? name : name.substring(0, name.indexOf('.'));
        return new Upstream(configured, firstLabel.equals(service) ? service : null);
    }
}
