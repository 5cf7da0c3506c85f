package io.skald.frontend.cache;

import io.skald.frontend.split.Downstream;
import io.skald.frontend.split.MatrixMerge;
import io.skald.frontend.split.RangeQuery;
import io.skald.frontend.split.SubQuery;
import io.skald.logql.result.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Answers a split of a metric query from its cached extent where they overlap and asks {@code next} only for the
 * steps before and after it; then stores the union, cut at {@code now - max_cache_freshness_per_query} so recent data
 * (which may still change) is never cached. A split starting after that cut bypasses the cache.
 */
final class CachingDownstream implements Downstream {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final ResultsCache cache;
    private final Downstream next;
    private final Duration splitInterval;
    private final Duration maxCacheFreshness;
    private final Clock clock;

    CachingDownstream(
            ResultsCache cache, Downstream next, Duration splitInterval, Duration maxCacheFreshness, Clock clock) {
        this.cache = cache;
        this.next = next;
        this.splitInterval = splitInterval;
        this.maxCacheFreshness = maxCacheFreshness;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery sub) {
        RangeQuery query = sub.query();
        if (query.isLogQuery()) {
            return next.run(sub);
        }
        long step = query.stepNanos();
        long maxCacheTime = nowNanos() - maxCacheFreshness.toNanos();
        long cacheableEnd = maxCacheTime - Math.floorMod(maxCacheTime, step);
        if (query.startNanos() > cacheableEnd) {
            return next.run(sub);
        }
        String key = ResultsCache.key(sub.tenant(), query, splitInterval);
        Extent cached = cache.get(key);
        long start = query.startNanos();
        long end = query.endNanos();
        List<CompletableFuture<QueryResult>> parts = new ArrayList<>(3);
        boolean overlaps = cached != null && cached.startNanos() <= end && cached.endNanos() >= start;
        if (cached != null && overlaps) {
            parts.add(CompletableFuture.completedFuture(
                    MatrixMerge.slice(cached.result(), start / NANOS_PER_MILLI, end / NANOS_PER_MILLI)));
            if (start < cached.startNanos()) {
                parts.add(next.run(sub.withQuery(query.withRange(start, cached.startNanos() - step))));
            }
            if (end > cached.endNanos()) {
                parts.add(next.run(sub.withQuery(query.withRange(cached.endNanos() + step, end))));
            }
        } else {
            parts.add(next.run(sub));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<QueryResult.Matrix> matrices = new ArrayList<>(parts.size());
            for (CompletableFuture<QueryResult> part : parts) {
                matrices.add(matrix(part.join()));
            }
            QueryResult.Matrix merged = MatrixMerge.merge(matrices);
            store(key, cached, start, Math.min(end, cacheableEnd), step, merged);
            return merged;
        });
    }

    /** Stores the answered steps up to the freshness cut, joined with the old extent when the two touch. */
    private void store(String key, @Nullable Extent old, long start, long end, long step, QueryResult.Matrix answered) {
        if (end < start) {
            return;
        }
        QueryResult.Matrix fresh = MatrixMerge.slice(answered, start / NANOS_PER_MILLI, end / NANOS_PER_MILLI);
        Extent extent = new Extent(start, end, fresh);
        if (old != null && old.startNanos() <= end + step && old.endNanos() >= start - step) {
            extent = new Extent(
                    Math.min(old.startNanos(), start),
                    Math.max(old.endNanos(), end),
                    MatrixMerge.merge(List.of(fresh, old.result())));
        }
        cache.put(key, extent);
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static QueryResult.Matrix matrix(QueryResult result) {
        if (result instanceof QueryResult.Matrix m) {
            return m;
        }
        throw new IllegalStateException(
                "downstream answered " + result.getClass().getSimpleName() + " to a metric query");
    }
}
