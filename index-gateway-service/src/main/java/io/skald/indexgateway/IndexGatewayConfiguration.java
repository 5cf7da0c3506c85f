package io.skald.indexgateway;

import io.skald.config.LokiConfig;
import io.skald.server.ReadinessCheck;
import io.skald.store.IndexCache;
import io.skald.store.LocalIndex;
import io.skald.store.PeriodStores;
import io.skald.tenant.TenantResolver;
import io.skald.tenant.TenantServerInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * Wires the index gateway: object stores per schema period, the index file cache in {@code
 * tsdb_shipper.cache_location}, the gRPC service and its tenant interceptor, and a periodic re-listing so new uploads
 * are seen ({@code skald.index-gateway.refresh-interval}, 30 s by default).
 */
@Configuration(proxyBeanMethods = false)
class IndexGatewayConfiguration {

    @Bean(destroyMethod = "close")
    PeriodStores periodStores(LokiConfig config) {
        return new PeriodStores(config);
    }

    @Bean
    IndexCache indexCache(
            LokiConfig config,
            PeriodStores stores,
            @Value("${skald.index-gateway.refresh-interval:30s}") Duration refresh) {
        String location = config.storage().tsdbShipper().cacheLocation();
        @Nullable Path dir = location.isBlank() ? null : Path.of(location);
        return new IndexCache(
                stores::forDay,
                config.schema(),
                dir,
                refresh,
                config.storage().tsdbShipper().cacheTtl(),
                Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    IndexRefresher indexRefresher(
            IndexCache cache, @Value("${skald.index-gateway.refresh-interval:30s}") Duration refresh) {
        return new IndexRefresher(cache, refresh);
    }

    @Bean
    IndexGatewayGrpcService indexGatewayGrpcService(IndexCache cache) {
        return new IndexGatewayGrpcService(new LocalIndex(cache));
    }

    @Bean
    @GlobalServerInterceptor
    TenantServerInterceptor tenantInterceptor(TenantResolver tenants) {
        return new TenantServerInterceptor(tenants);
    }

    @Bean
    ReadinessCheck indexGatewayReadiness() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "index-gateway";
            }

            @Override
            public @Nullable String notReadyReason() {
                return null;
            }
        };
    }

    /** Re-lists every known table and evicts expired local copies periodically (at least every second). */
    static final class IndexRefresher implements AutoCloseable {
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("index-refresh").factory());
        private final ScheduledFuture<?> task;

        IndexRefresher(IndexCache cache, Duration refresh) {
            long period = Math.max(1000, refresh.toMillis());
            task = executor.scheduleWithFixedDelay(
                    () -> {
                        cache.refreshAll();
                        cache.evictExpired();
                    },
                    period,
                    period,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            task.cancel(false);
            executor.shutdownNow();
        }
    }
}
