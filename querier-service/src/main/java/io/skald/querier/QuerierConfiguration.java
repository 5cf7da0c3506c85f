package io.skald.querier;

import io.skald.config.LokiConfig;
import io.skald.limits.Overrides;
import io.skald.logql.result.arrow.ArrowResultCodec;
import io.skald.ring.Ring;
import io.skald.ring.RingConfig;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.ReadinessCheck;
import io.skald.store.ChunkFetcher;
import io.skald.store.GatewayIndexClient;
import io.skald.store.IndexCache;
import io.skald.store.IndexClient;
import io.skald.store.LocalIndex;
import io.skald.store.PeriodStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the querier's read path: ingester clients over the ingester ring, the index (an index gateway at {@code
 * tsdb_shipper.index_gateway_client.server_address}, else the index files read in process), the chunk fetcher and
 * cache, and the {@link LogSource} the query API (and later the engine) reads.
 */
@Configuration(proxyBeanMethods = false)
class QuerierConfiguration {

    /** Encodes sub-query results for query-frontends (one Arrow allocator per querier). */
    @Bean(destroyMethod = "close")
    ArrowResultCodec arrowResultCodec() {
        return new ArrowResultCodec();
    }

    @Bean(destroyMethod = "close")
    IngesterClients ingesterClients(LokiConfig config) {
        return new IngesterClients(
                config.server().grpcServerMaxRecvMsgSize(), config.limits().queryTimeout());
    }

    @Bean
    IngesterFanout ingesterFanout(LokiConfig config, RingRegistry rings, IngesterClients clients) {
        Ring ring = rings.ring(RingConfig.ingester(config.ingester().lifecycler()));
        return new IngesterFanout(ring, clients, config.query().queryIngestersWithin(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    PeriodStores periodStores(LokiConfig config) {
        return new PeriodStores(config);
    }

    @Bean
    IndexClient indexClient(
            LokiConfig config,
            PeriodStores periodStores,
            @Value("${skald.querier.index-refresh-interval:30s}") Duration refresh) {
        String gateway = config.storage().tsdbShipper().indexGatewayAddress();
        if (!gateway.isBlank()) {
            return new GatewayIndexClient(
                    gateway,
                    config.server().grpcServerMaxRecvMsgSize(),
                    config.limits().queryTimeout());
        }
        String location = config.storage().tsdbShipper().cacheLocation();
        @Nullable Path dir = location.isBlank() ? null : Path.of(location);
        return new LocalIndex(new IndexCache(
                periodStores::forDay,
                config.schema(),
                dir,
                refresh,
                config.storage().tsdbShipper().cacheTtl(),
                Clock.systemUTC()));
    }

    @Bean
    ChunkFetcher chunkFetcher(LokiConfig config, PeriodStores periodStores) {
        return ChunkFetcher.from(periodStores::forTime, config.query().chunkCache());
    }

    @Bean
    LogSource logSource(IngesterFanout ingesters, IndexClient index, ChunkFetcher chunks) {
        // Sub-queries of the frontend may select one shard of the streams (__stream_shard__).
        return new ShardSelectingLogSource(new QuerierLogSource(ingesters, index, chunks));
    }

    @Bean
    LabelQueries labelQueries(IngesterFanout ingesters, IndexClient index) {
        return new LabelQueries(ingesters, index);
    }

    @Bean
    StatsQueries statsQueries(IngesterFanout ingesters, IndexClient index) {
        return new StatsQueries(ingesters, index);
    }

    /** {@code limits_config}, with per-tenant overrides from {@code runtime_config.file} re-read every period. */
    @Bean(destroyMethod = "close")
    Overrides querierOverrides(LokiConfig config, ScheduledExecutorService querierScheduler) {
        if (config.runtimeConfigFile().isBlank()) {
            return Overrides.of(config.limits());
        }
        return Overrides.watch(
                Path.of(config.runtimeConfigFile()), config.limits(), config.runtimeConfigPeriod(), querierScheduler);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService querierScheduler() {
        return Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("querier-overrides").factory());
    }

    @Bean
    TailHandler tailHandler(
            io.skald.tenant.TenantResolver tenants,
            LogSource source,
            IngesterFanout ingesters,
            IngesterClients clients) {
        return new TailHandler(tenants, source, ingesters, clients);
    }

    @Bean
    ReadinessCheck querierReadiness() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return "querier";
            }

            @Override
            public @Nullable String notReadyReason() {
                return null;
            }
        };
    }
}
