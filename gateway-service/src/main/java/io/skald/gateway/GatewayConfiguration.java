package io.skald.gateway;

import io.skald.config.LokiConfig;
import io.skald.kubernetes.DiscoveredAddresses;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.NettyPipeline;

/** Wires the gateway's routes from the {@code gateway:} config section. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {
    /** Prepended to a component's name to name its Kubernetes Service (the chart sets {@code <release>-skald-}). */
    static final String SERVICE_PREFIX = "skald.kubernetes.service-prefix";

    @Bean
    GatewayUpstreams gatewayUpstreams(LokiConfig config, Environment environment) {
        return GatewayUpstreams.of(config.gateway(), environment.getProperty(SERVICE_PREFIX, ""));
    }

    @Bean
    RouteLocator skaldRoutes(RouteLocatorBuilder builder, GatewayUpstreams upstreams) {
        return GatewayRoutes.routes(builder, upstreams);
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

    /** Only on the Kubernetes platform: upstream addresses from Spring Cloud Kubernetes discovery. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnCloudPlatform(CloudPlatform.KUBERNETES)
    static class Discovery {
        /** How often the gateway asks the API for the upstreams' ready pods. */
        static final String REFRESH = "skald.kubernetes.discovery.refresh";

        @Bean(destroyMethod = "shutdownNow")
        ScheduledExecutorService gatewayDiscoveryScheduler() {
            return Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("gateway-discovery").factory());
        }

        @Bean
        DiscoveredAddresses gatewayDiscoveredAddresses(
                GatewayUpstreams upstreams,
                DiscoveryClient discovery,
                ScheduledExecutorService gatewayDiscoveryScheduler,
                Environment environment) {
            Set<String> services = upstreams.byRoute().values().stream()
                    .map(GatewayUpstreams.Upstream::serviceId)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            DiscoveredAddresses addresses = new DiscoveredAddresses(services, DiscoveredAddresses.lookup(discovery));
            long period = environment
                    .getProperty(REFRESH, Duration.class, Duration.ofSeconds(5))
                    .toMillis();
            // The first lookup runs in the background too: a slow API must not delay startup. refresh() catches
            // lookup failures itself, so the schedule never stops; the executor's shutdown cancels it.
            ScheduledFuture<?> unused = gatewayDiscoveryScheduler.scheduleWithFixedDelay(
                    addresses::refresh, 0, Math.max(1, period), TimeUnit.MILLISECONDS);
            return addresses;
        }

        @Bean
        DiscoveredUpstreamFilter discoveredUpstreamFilter(
                GatewayUpstreams upstreams, DiscoveredAddresses gatewayDiscoveredAddresses) {
            return new DiscoveredUpstreamFilter(upstreams, gatewayDiscoveredAddresses);
        }
    }
}
