package io.skald.frontend.split;

import io.skald.config.LimitsConfig;
import io.skald.config.QueryConfig;
import java.time.Duration;

/**
 * What the query-range middlewares read from the configuration for one tenant. A shardable query is cut into as
 * many shards as its index bytes need at {@code maxBytesPerShard} each ({@code tsdb_max_bytes_per_shard}), a power of
 * two up to {@code shards}; when its index statistics cannot be had, into {@code shards}.
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
        int shards,
        long maxBytesPerShard) {

    /** The most shards a shardable query is cut into. */
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
                DEFAULT_SHARDS,
                limits.tsdbMaxBytesPerShard());
    }
}
