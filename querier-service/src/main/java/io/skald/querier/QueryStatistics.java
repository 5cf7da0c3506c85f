package io.skald.querier;

import io.skald.api.QueryStats;
import io.skald.push.Utf8;
import java.util.Iterator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The figures one query gathers while its data is read, for the {@code stats} of its answer: chunk references, chunks
 * downloaded with their compressed size and download time, lines and bytes read from chunks and received from
 * ingesters, and duplicates dropped by the merge. A query's statistics are {@linkplain #during bound} to the thread
 * that evaluates it (the engine reads its data on that thread), so the data source needs no extra parameter; reads
 * outside a bound query are counted nowhere.
 */
final class QueryStatistics {
    private static final ThreadLocal<@Nullable QueryStatistics> CURRENT = new ThreadLocal<>();
    private static final QueryStatistics DISCARDED = new QueryStatistics();

    final LongAdder chunksRef = new LongAdder();
    final LongAdder chunksDownloaded = new LongAdder();
    final LongAdder downloadNanos = new LongAdder();
    final LongAdder compressedBytes = new LongAdder();
    final LongAdder storeLines = new LongAdder();
    final LongAdder storeBytes = new LongAdder();
    final LongAdder ingestersReached = new LongAdder();
    final LongAdder ingesterBatches = new LongAdder();
    final LongAdder ingesterLines = new LongAdder();
    final LongAdder ingesterBytes = new LongAdder();
    /** What the ingesters read to answer, before their pushed-down pipeline (their last message's figures). */
    final LongAdder ingesterScannedLines = new LongAdder();

    final LongAdder ingesterScannedBytes = new LongAdder();
    final LongAdder duplicates = new LongAdder();

    /** The statistics of the query evaluated on this thread (a discarded sink when none is). */
    static QueryStatistics current() {
        QueryStatistics stats = CURRENT.get();
        return stats == null ? DISCARDED : stats;
    }

    /** Runs {@code query} with these statistics bound to the current thread. */
    <T> T during(Supplier<T> query) {
        QueryStatistics previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return query.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    /** The {@code stats} object of the answer. */
    QueryStats snapshot(double execSeconds, double queueSeconds, long entriesReturned) {
        long storeLineCount = storeLines.sum();
        long storeByteCount = storeBytes.sum();
        long ingesterLinesSent = ingesterLines.sum();
        // Processed on the ingesters: what they read, before the pipeline pushed down to them dropped entries.
        long ingesterLineCount = Math.max(ingesterLinesSent, ingesterScannedLines.sum());
        long ingesterByteCount = Math.max(ingesterBytes.sum(), ingesterScannedBytes.sum());
        QueryStats.Store ingesterStore =
                new QueryStats.Store(0, 0, 0, new QueryStats.Chunk(0, 0, ingesterByteCount, ingesterLineCount, 0, 0));
        return new QueryStats(
                new QueryStats.Summary(
                        storeByteCount + ingesterByteCount,
                        storeLineCount + ingesterLineCount,
                        execSeconds,
                        queueSeconds,
                        entriesReturned,
                        0),
                new QueryStats.Store(
                        chunksRef.sum(),
                        chunksDownloaded.sum(),
                        downloadNanos.sum(),
                        new QueryStats.Chunk(
                                0, 0, storeByteCount, storeLineCount, compressedBytes.sum(), duplicates.sum())),
                new QueryStats.Ingester(
                        ingestersReached.sum(), 0, ingesterBatches.sum(), ingesterLinesSent, ingesterStore));
    }

    /** Counts the lines of one stream's source as they are read, into {@code read} and the store totals. */
    <T> Iterator<T> countingStore(Iterator<T> entries, long[] read, java.util.function.ToLongFunction<T> bytes) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public T next() {
                T entry = entries.next();
                read[0]++;
                storeLines.increment();
                storeBytes.add(bytes.applyAsLong(entry));
                return entry;
            }
        };
    }

    /** UTF-8 length of a line without encoding it. */
    static long utf8Length(String text) {
        // The ASCII fast path matters: this runs once per line read (a third of a count query's CPU before).
        return Utf8.length(text);
    }
}
