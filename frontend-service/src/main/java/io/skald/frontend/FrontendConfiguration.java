package io.skald.frontend;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.config.LokiConfig;
import io.skald.frontend.cache.ResultsCache;
import io.skald.frontend.scheduler.TaskSubmitter;
import io.skald.frontend.split.FrontendSettings;
import io.skald.limits.Overrides;
import io.skald.ring.autoconfigure.InstanceAddresses;
import io.skald.scheduler.client.SchedulerAddresses;
import io.skald.scheduler.client.SchedulerChannels;
import io.skald.scheduler.client.SchedulerClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The query-frontend's beans: the scheduler client when {@code frontend.scheduler_address} is set (else requests are
 * forwarded to {@code frontend.downstream_url}), the results cache when {@code query_range.cache_results} is on, and
 * the per-tenant limits.
 */
@Configuration(proxyBeanMethods = false)
class FrontendConfiguration {

    @Bean(destroyMethod = "close")
    SchedulerFrontend schedulerFrontend(LokiConfig config, Overrides frontendOverrides, MeterRegistry registry) {
        String address = config.query().frontendSchedulerAddress();
        TaskSubmitter submitter = null;
        if (!address.isBlank()) {
            // Unique per process: query ids must not collide between frontends sharing a scheduler.
            String frontendId = InstanceAddresses.hostName("query-frontend") + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
            SchedulerClient client = new SchedulerClient(
                    frontendId,
                    SchedulerAddresses.dns(address, config.query().schedulerDnsLookupPeriod()),
                    new SchedulerChannels(
                            (int) Math.min(Integer.MAX_VALUE, config.server().grpcServerMaxRecvMsgSize())),
                    Clock.systemUTC());
            submitter = new TaskSubmitter(client, config.query().frontendMaxOutstandingPerTenant());
        }
        ResultsCache cache =
                config.query().cacheResults() ? ResultsCache.from(config.query().resultsCache(), registry) : null;
        return new SchedulerFrontend(
                submitter,
                cache,
                tenant -> FrontendSettings.from(frontendOverrides.forTenant(tenant), config.query()),
                config.limits().queryTimeout(),
                registry,
                Clock.systemUTC());
    }

    @Bean
    HttpForwarder httpForwarder(
            LokiConfig config, @Value("${skald.frontend.downstream-url:}") String fallbackDownstream) {
        String url = config.query().frontendDownstreamUrl().isBlank()
                ? fallbackDownstream
                : config.query().frontendDownstreamUrl();
        return new HttpForwarder(url, config.limits().queryTimeout().plusSeconds(5));
    }

    /** {@code limits_config}, with per-tenant overrides from {@code runtime_config.file} re-read every period. */
    @Bean(destroyMethod = "close")
    Overrides frontendOverrides(LokiConfig config, ScheduledExecutorService frontendOverridesReloader) {
        if (config.runtimeConfigFile().isBlank()) {
            return Overrides.of(config.limits());
        }
        return Overrides.watch(
                Path.of(config.runtimeConfigFile()),
                config.limits(),
                config.runtimeConfigPeriod(),
                frontendOverridesReloader);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService frontendOverridesReloader() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("frontend-overrides").factory());
    }
}
