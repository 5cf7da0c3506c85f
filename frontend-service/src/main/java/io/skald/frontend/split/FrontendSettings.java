package io.skald.frontend.split;

import io.skald.config.LimitsConfig;
import io.skald.config.QueryConfig;
import java.time.Duration;

/**
 * What the query-range middlewares read from the configuration for one tenant. {@code shards} is the number of
 * shards a shardable query is cut into (Loki derives it from index statistics; Skald uses a fixed count).
 */
public record FrontendSettings(
        Duration splitInterval,
        int maxQueryParallelism,
        Duration maxQueryLength,
        int maxEntriesLimitPerQuery,
        int maxQuerySeries,
        Duration maxCacheFreshness,
        int maxRetries,
        boolean shardingEnabled,
        int shards) {

    /** Skald's default shard count for shardable queries. */
    public static final int DEFAULT_SHARDS = 16;

    /** Settings from a tenant's limits and the {@code query_range} section. */
    public static FrontendSettings from(LimitsConfig limits, QueryConfig query) {
        return new FrontendSettings(
                limits.splitQueriesByInterval(),
                limits.maxQueryParallelism(),
                limits.maxQueryLength(),
                limits.maxEntriesLimitPerQuery(),
                limits.maxQuerySeries(),
                limits.maxCacheFreshnessPerQuery(),
                query.maxRetries(),
                query.parallelizeShardableQueries(),
                DEFAULT_SHARDS);
    }
}
