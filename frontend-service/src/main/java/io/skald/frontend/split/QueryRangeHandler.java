package io.skald.frontend.split;

import io.micrometer.core.instrument.MeterRegistry;
import io.skald.api.QueryParameters;
import io.skald.frontend.cache.ResultsCache;
import io.skald.frontend.shard.IndexBytes;
import io.skald.frontend.shard.ShardingDownstream;
import io.skald.logql.result.QueryResult;
import io.skald.server.LokiHttpException;
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
     * Answers a range query for {@code tenant}. Limit violations throw {@link LokiHttpException} (400, Loki's texts)
     * before anything runs; downstream failures and a merged result over {@code max_query_series} complete the
     * future exceptionally.
     */
    public CompletableFuture<QueryResult> handle(String tenant, RangeQuery query) {
        FrontendSettings settings = settingsByTenant.apply(tenant);
        QueryParameters.checkQueryLength(query.startNanos(), query.endNanos(), settings.maxQueryLength());
        if (query.isLogQuery()) {
            QueryParameters.checkEntriesLimit(query.limit(), settings.maxEntriesLimitPerQuery());
        }
        return pipeline(settings)
                .run(new SubQuery(tenant, query))
                .thenApply(result -> checkSeries(result, settings.maxQuerySeries()));
    }

    /** Loki's {@code max_query_series} over the merged result: each split may be under it while their union is not. */
    private static QueryResult checkSeries(QueryResult result, int maxSeries) {
        if (maxSeries > 0
                && result instanceof QueryResult.Matrix matrix
                && matrix.series().size() > maxSeries) {
            throw new LokiHttpException(
                    400,
                    "maximum number of series (" + maxSeries + ") reached for a single query; consider reducing query"
                            + " cardinality by adding more specific stream selectors, reducing the time range, or"
                            + " aggregating results with functions like sum(), count() or topk()");
        }
        return result;
    }

    /** The middlewares for one request; the parallelism limit is per request, as Loki's. */
    private Downstream pipeline(FrontendSettings settings) {
        Downstream down = new LimitedDownstream(querier, settings.maxQueryParallelism());
        down = new RetryingDownstream(down, settings.maxRetries());
        if (settings.shardingEnabled()) {
            // Shards are sized from the index when the querier side can answer index statistics.
            IndexBytes index = querier instanceof IndexBytes stats ? stats : null;
            down = new ShardingDownstream(down, settings.shards(), settings.maxBytesPerShard(), index, registry);
        }
        if (cache != null) {
            down = cache.wrap(down, settings.splitInterval(), settings.maxCacheFreshness(), clock);
        }
        return new SplitByInterval(down, settings.splitInterval(), settings.maxQueryParallelism(), registry);
    }
}
