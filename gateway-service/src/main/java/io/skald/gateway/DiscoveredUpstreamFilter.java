package io.skald.gateway;

import io.skald.kubernetes.DiscoveredAddresses;
import java.net.URI;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Sends a request on a route whose upstream was left blank to one of the Service's ready pods, as Kubernetes
 * discovery last saw them (in turn), instead of through the Service's virtual IP. With no instance known the request
 * goes to the Service's DNS name unchanged.
 */
final class DiscoveredUpstreamFilter implements GlobalFilter, Ordered {
    private final GatewayUpstreams upstreams;
    private final DiscoveredAddresses addresses;

    DiscoveredUpstreamFilter(GatewayUpstreams upstreams, DiscoveredAddresses addresses) {
        this.upstreams = upstreams;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route != null && url != null) {
            GatewayUpstreams.Upstream upstream = upstreams.byRoute().get(route.getId());
            String serviceId = upstream == null ? null : upstream.serviceId();
            Optional<URI> instance = serviceId == null ? Optional.empty() : addresses.pick(serviceId);
            instance.ifPresent(pod -> exchange.getAttributes()
                    .put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, withAddress(url, pod)));
        }
        return chain.filter(exchange);
    }

    /** {@code url} with the host and port of {@code pod}; scheme (http or ws), path and query stay. */
    static URI withAddress(URI url, URI pod) {
        return UriComponentsBuilder.fromUri(url)
                .host(pod.getHost())
                .port(pod.getPort())
                .build(true)
                .toUri();
    }

    @Override
    public int getOrder() {
        // After the route's URL is set, before the routing filters send the request.
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }
}
