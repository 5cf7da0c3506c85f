package io.skald.gateway;

import io.skald.config.LokiConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the gateway's routes from the {@code gateway:} config section. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {
    @Bean
    RouteLocator skaldRoutes(RouteLocatorBuilder builder, LokiConfig config) {
        return GatewayRoutes.routes(builder, config.gateway());
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(LokiConfig config) {
        return new BodySizeLimitFilter(config.gateway().maxBodySize());
    }
}
