package io.skald.gateway;

import io.skald.config.LokiConfig;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Wires the gateway's routes from the {@code gateway:} config section. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {
    @Bean
    RouteLocator skaldRoutes(RouteLocatorBuilder builder, LokiConfig config) {
        return GatewayRoutes.routes(builder, config.gateway());
    }

    /** Raw request targets ({@code match[]={app="x"}}) accepted and kept byte for byte: see {@link RawRequestUri}. */
    @Bean
    NettyServerCustomizer rawRequestTargets() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "skald-raw-uri", new RawUriServerHandler());
            }
        });
    }

    @Bean
    HttpClientCustomizer rawRequestTargetsOut() {
        return client -> client.doOnChannelInit((observer, channel, address) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "skald-raw-uri", new RawUriClientHandler());
            }
        });
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(LokiConfig config) {
        return new BodySizeLimitFilter(config.gateway().maxBodySize());
    }
}
