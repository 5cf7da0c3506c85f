package io.skald.frontend.cache;

import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;

/** A cached metric result: the steps of {@code [startNanos, endNanos]} (inclusive) of one split key. */
public record Extent(long startNanos, long endNanos, QueryResult.Matrix result) {
    /** A rough size in bytes, for the cache's {@code max_size_mb} bound. */
    public int weightBytes() {
        long bytes = 64;
        for (Series s : result.series()) {
            bytes += 48 + 2L * s.metric().toString().length() + 16L * s.size();
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
