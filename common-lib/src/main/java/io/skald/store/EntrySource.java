package io.skald.store;

import io.skald.chunk.ContentQuery;
import io.skald.chunk.LogEntry;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * One ordered run of a stream's entries that is opened only when a merge reaches it: {@code start} is the first
 * timestamp it can yield in the merge direction (its smallest for forward, largest for backward), so a merge opens a
 * chunk only when its time comes.
 */
public record EntrySource(long start, Supplier<Iterator<LogEntry>> opener) {

    /** An already open source, e.g. entries received from an ingester. */
    public static EntrySource of(Iterator<LogEntry> entries, long start) {
        return new EntrySource(start, () -> entries);
    }

    /** The entries of a stored chunk in {@code [from, through)}; the chunk is fetched when the source is opened. */
    public static EntrySource chunk(
            ChunkFetcher fetcher,
            String key,
            long chunkFrom,
            long chunkThrough,
            long from,
            long through,
            io.skald.chunk.Direction direction) {
        return chunk(fetcher, key, chunkFrom, chunkThrough, from, through, direction, ContentQuery.ANY);
    }

    /**
     * Like {@link #chunk(ChunkFetcher, String, long, long, long, long, io.skald.chunk.Direction)}, skipping the blocks
     * whose content filter proves that no line meets {@code query}: lines that meet it all come through, others may
     * not, so the caller must still apply its line filters.
     */
    public static EntrySource chunk(
            ChunkFetcher fetcher,
            String key,
            long chunkFrom,
            long chunkThrough,
            long from,
            long through,
            io.skald.chunk.Direction direction,
            ContentQuery query) {
        long start = direction == io.skald.chunk.Direction.FORWARD ? chunkFrom : chunkThrough;
        return new EntrySource(
                start, () -> new ChunkEntries(fetcher.entries(key, chunkFrom, from, through, direction, query)));
    }

    /** Adapts the chunk iterator's cursor style to an {@link Iterator}, materialising each entry. */
    private static final class ChunkEntries implements Iterator<LogEntry> {
        private final io.skald.chunk.EntryIterator it;
        private boolean ready;
        private boolean more;

        ChunkEntries(io.skald.chunk.EntryIterator it) {
            this.it = it;
        }

        @Override
        public boolean hasNext() {
            if (!ready) {
                more = it.next();
                ready = true;
            }
            return more;
        }

        @Override
        public LogEntry next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ready = false;
            return it.entry();
        }
    }
}
