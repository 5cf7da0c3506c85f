package io.skald.index;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where one flushed chunk lives and what it holds. {@code from}/{@code through} are the smallest and largest entry
 * timestamps in nanoseconds, both inclusive; {@code fingerprint} is {@code Labels#hash()} of the stream.
 */
public record ChunkRef(
        String tenant,
        long fingerprint,
        long from,
        long through,
        String key,
        long compressedBytes,
        long uncompressedBytes,
        long entries) {

    /** Stream, then time, then key: the order the reader returns refs in. */
    public static final Comparator<ChunkRef> ORDER = Comparator.comparingLong(ChunkRef::fingerprint)
            .thenComparingLong(ChunkRef::from)
            .thenComparingLong(ChunkRef::through)
            .thenComparing(ChunkRef::key);

    public ChunkRef {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("empty chunk key");
        }
        if (through < from) {
            throw new IllegalArgumentException("chunk through " + through + " before from " + from);
        }
        if (compressedBytes < 0 || uncompressedBytes < 0 || entries < 0) {
            throw new IllegalArgumentException("negative chunk size or entry count");
        }
    }

    /**
     * Whether the chunk has entries in the query range {@code [fromNanos, throughNanos)}: the chunk's through is
     * inclusive (its last entry), the query's through exclusive, as in Loki.
     */
    public boolean overlaps(long fromNanos, long throughNanos) {
        return TimeRanges.overlaps(fromNanos, throughNanos, from, through);
    }
}
