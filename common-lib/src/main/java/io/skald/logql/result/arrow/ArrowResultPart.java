package io.skald.logql.result.arrow;

import io.skald.logql.result.QueryResult;

/**
 * A decoded IPC result, which may hold Arrow (off-heap) memory until {@link #close()} (a streams part keeps its lines
 * there): read it, merge it, or turn it into a {@link QueryResult}, then close it. Not thread-safe.
 */
public sealed interface ArrowResultPart extends AutoCloseable permits ArrowStreamsPart, ArrowSamplesPart {
    /** The rows (log entries or samples) across all batches. */
    long rowCount();

    /** The whole result as objects, exactly as it was encoded. */
    QueryResult toResult();

    /** Releases the Arrow buffers; idempotent. */
    @Override
    void close();
}
