package io.skald.frontend.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skald.config.CacheConfig;
import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.RangeQuery;
import io.skald.logql.syntax.LogqlPrinter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The frontend's results cache: extents of metric results per split key, in Caffeine bounded by an estimate of their
 * bytes ({@code max_size_mb}) and expiring {@code ttl} after being written. One instance is shared by all requests;
 * {@link #wrap} puts it in front of a request's downstream.
 */
public final class ResultsCache {
    /** The {@code name} label of this cache's metrics. */
    public static final String NAME = "frontend.results-cache";
    /**
     * Exposed as {@code loki_cache_fetched_keys{name}}: keys looked up. Loki's counters here have no {@code _total}
     * suffix, which Prometheus' client appends to every counter; these are gauges (that only grow) so the names stay
     * Loki's and {@code rate()} over them works the same.
     */
    public static final String FETCHED_KEYS = "loki_cache_fetched_keys";
    /** Exposed as {@code loki_cache_hits{name}}: keys found (a growing gauge, like {@link #FETCHED_KEYS}). */
    public static final String HITS = "loki_cache_hits";
    /** Exposed as {@code loki_cache_request_duration_seconds{name,method}}: time of cache lookups and stores. */
    public static final String REQUEST_DURATION = "loki.cache.request.duration";

    private final Cache<String, Extent> cache;
    private final LongAdder fetchedKeys = new LongAdder();
    private final LongAdder hits = new LongAdder();
    final Timer fetchTime;
    final Timer storeTime;

    public ResultsCache(long maxSizeBytes, Duration ttl, MeterRegistry registry) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxSizeBytes)
                .weigher((String key, Extent extent) -> 2 * key.length() + extent.weightBytes())
                .expireAfterWrite(ttl)
                // Evict on the calling thread: the bound holds as soon as put returns.
                .executor(Runnable::run)
                .build();
        monotonic(FETCHED_KEYS, "Total count of keys requested from cache.", fetchedKeys, registry);
        monotonic(HITS, "Total count of keys found in cache.", hits, registry);
        this.fetchTime = Timer.builder(REQUEST_DURATION)
                .tag("name", NAME)
                .tag("method", "fetch")
                .register(registry);
        this.storeTime = Timer.builder(REQUEST_DURATION)
                .tag("name", NAME)
                .tag("method", "store")
                .register(registry);
    }

    /** A monotonic count under an exact Prometheus name: a gauge, which gets no suffix. */
    private static void monotonic(String name, String help, LongAdder count, MeterRegistry registry) {
        Gauge.builder(name, count, LongAdder::doubleValue)
                .description(help)
                .strongReference(true)
                .tag("name", NAME)
                .register(registry);
    }

    /** Keys looked up so far. */
    public long fetchedKeys() {
        return fetchedKeys.sum();
    }

    /** Keys found so far. */
    public long hits() {
        return hits.sum();
    }

    /** A cache sized by a {@code results_cache.cache.embedded_cache} block. */
    public static ResultsCache from(CacheConfig config, MeterRegistry registry) {
        return new ResultsCache(config.maxSizeMb() * 1024 * 1024, config.ttl(), registry);
    }

    /**
     * Caches the results of {@code next} per split: apply it below the split middleware, with the same
     * {@code splitInterval}, so each sub-query is one key. Log queries pass through.
     */
    public Downstream wrap(Downstream next, Duration splitInterval, Duration maxCacheFreshness, Clock clock) {
        return new CachingDownstream(this, next, splitInterval, maxCacheFreshness, clock);
    }

    /**
     * Loki's results-cache key: {@code tenant:query:stepMillis:startInterval:intervalMillis} with the query in
     * canonical form, so queries that differ only in spelling share entries.
     */
    public static String key(String tenant, RangeQuery query, Duration splitInterval) {
        long interval = Math.max(1, splitInterval.toNanos());
        return tenant + ":" + LogqlPrinter.print(query.expr()) + ":"
                + query.step().toMillis() + ":" + Math.floorDiv(query.startNanos(), interval) + ":"
                + splitInterval.toMillis();
    }

    @Nullable
    Extent get(String key) {
        fetchedKeys.increment();
        long started = System.nanoTime();
        Extent extent = cache.getIfPresent(key);
        fetchTime.record(Duration.ofNanos(System.nanoTime() - started));
        if (extent != null) {
            hits.increment();
        }
        return extent;
    }

    void put(String key, Extent extent) {
        long started = System.nanoTime();
        cache.put(key, extent);
        storeTime.record(Duration.ofNanos(System.nanoTime() - started));
    }

    /** The number of cached keys (for tests and status pages). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
