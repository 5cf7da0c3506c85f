package io.skald.config;

import java.time.Duration;

/**
 * The read path's sections: {@code chunk_store_config}, {@code query_range}, {@code frontend}, {@code query_scheduler},
 * {@code querier} and {@code frontend_worker}.
 */
public record QueryConfig(
        CacheConfig chunkCache,
        boolean alignQueriesWithStep,
        int maxRetries,
        boolean cacheResults,
        CacheConfig resultsCache,
        boolean parallelizeShardableQueries,
        int frontendMaxOutstandingPerTenant,
        boolean compressResponses,
        String frontendDownstreamUrl,
        String frontendSchedulerAddress,
        Duration schedulerDnsLookupPeriod,
        int schedulerMaxOutstandingPerTenant,
        int querierMaxConcurrent,
        Duration queryIngestersWithin,
        String workerSchedulerAddress,
        String workerFrontendAddress) {

    static QueryConfig bind(ConfigReader root) {
        CacheConfig chunkCache =
                CacheConfig.bind(root.section("chunk_store_config").section("chunk_cache_config"));
        ConfigReader range = root.section("query_range");
        boolean align = range.pending().bool("align_queries_with_step", false);
        int retries = range.integer("max_retries", 5);
        boolean cacheResults = range.bool("cache_results", false);
        CacheConfig resultsCache =
                CacheConfig.bind(range.section("results_cache").section("cache"));
        boolean shard = range.bool("parallelise_shardable_queries", true);
        for (String key : new String[] {
            "cache_index_stats_results",
            "cache_volume_results",
            "cache_series_results",
            "cache_label_results",
            "cache_instant_metric_results"
        }) {
            range.pending().bool(key, false);
        }
        ConfigReader frontend = root.section("frontend");
        int frontendOutstanding = frontend.integer("max_outstanding_per_tenant", 2048);
        boolean compress = frontend.bool("compress_responses", false);
        String downstream = frontend.string("downstream_url", "");
        String frontendScheduler = frontend.string("scheduler_address", "");
        frontend.pending().string("encoding", "json");
        Duration dnsLookup = frontend.duration("scheduler_dns_lookup_period", Duration.ofSeconds(10));
        ConfigReader scheduler = root.section("query_scheduler");
        int schedulerOutstanding = scheduler.integer("max_outstanding_requests_per_tenant", 32000);
        ConfigReader querier = root.section("querier");
        int maxConcurrent = querier.integer("max_concurrent", 4);
        Duration ingestersWithin = querier.duration("query_ingesters_within", Duration.ofHours(3));
        ConfigReader worker = root.section("frontend_worker");
        return new QueryConfig(
                chunkCache,
                align,
                retries,
                cacheResults,
                resultsCache,
                shard,
                frontendOutstanding,
                compress,
                downstream,
                frontendScheduler,
                dnsLookup,
                schedulerOutstanding,
                maxConcurrent,
                ingestersWithin,
                worker.string("scheduler_address", ""),
                worker.pending().string("frontend_address", ""));
    }
}
