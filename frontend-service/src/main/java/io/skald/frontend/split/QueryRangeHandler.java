package io.skald.frontend.split;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.api.QueryParameters;
import io.skald.frontend.cache.ResultsCache;
import io.skald.frontend.shard.ShardingDownstream;
import io.skald.logql.result.QueryResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The query frontend's {@code query_range} pipeline, Loki's order: limits, split by interval, results cache, shard,
 * retry, parallelism limit, then the queriers ({@code querier}). The HTTP layer parses the request, calls
 * {@link #handle} and encodes the result.
 */
public final class QueryRangeHandler {
    private final Downstream querier;
    private final Function<String, FrontendSettings> settingsByTenant;
    private final @Nullable ResultsCache cache;
    private final MeterRegistry registry;
    private final Clock clock;

    /**
     * @param querier runs one (split, sharded) sub-query on a querier
     * @param settingsByTenant the tenant's settings (limits may be overridden per tenant)
     * @param cache the results cache when {@code cache_results} is on, else null
     */
    public QueryRangeHandler(
            Downstream querier,
            Function<String, FrontendSettings> settingsByTenant,
            @Nullable ResultsCache cache,
            MeterRegistry registry,
            Clock clock) {
        this.querier = querier;
        this.settingsByTenant = settingsByTenant;
        this.cache = cache;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Answers a range query for {@code tenant}. Limit violations throw {@link io.skald.server.LokiHttpException}
     * (400, Loki's texts) before anything runs; downstream failures complete the future exceptionally.
     */
    public CompletableFuture<QueryResult> handle(String tenant, RangeQuery query) {
        FrontendSettings settings = settingsByTenant.apply(tenant);
        QueryParameters.checkQueryLength(query.startNanos(), query.endNanos(), settings.maxQueryLength());
        if (query.isLogQuery()) {
            QueryParameters.checkEntriesLimit(query.limit(), settings.maxEntriesLimitPerQuery());
        }
        return pipeline(settings).run(new SubQuery(tenant, query));
    }

    /** The middlewares for one request; the parallelism limit is per request, as Loki's. */
    private Downstream pipeline(FrontendSettings settings) {
        Downstream down = new LimitedDownstream(querier, settings.maxQueryParallelism());
        down = new RetryingDownstream(down, settings.maxRetries());
        if (settings.shardingEnabled()) {
            down = new ShardingDownstream(down, settings.shards(), registry);
        }
        if (cache != null) {
            down = cache.wrap(down, settings.splitInterval(), settings.maxCacheFreshness(), clock);
        }
        return new SplitByInterval(down, settings.splitInterval(), settings.maxQueryParallelism(), registry);
    }
}
