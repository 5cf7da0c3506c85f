package io.skald.frontend.shard;

import java.util.concurrent.CompletableFuture;

/** The index's byte count of a selector over a time range ({@code /loki/api/v1/index/stats}), to size shards by. */
@FunctionalInterface
public interface IndexBytes {
    /**
     * @param selector a stream selector, e.g. {@code {app="api"}}
     * @return the bytes of the selected streams' chunks overlapping {@code [startNanos, endNanos)}
     */
    CompletableFuture<Long> bytes(String tenant, String selector, long startNanos, long endNanos);
}
