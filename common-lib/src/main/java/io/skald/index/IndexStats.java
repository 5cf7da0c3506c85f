package io.skald.index;

/**
 * Loki's {@code /index/stats} answer: distinct streams, distinct chunks, and the entries and uncompressed bytes of
 * those chunks, prorated for chunks that straddle the range edges.
 */
public record IndexStats(long streams, long chunks, long entries, long bytes) {
    public static final IndexStats EMPTY = new IndexStats(0, 0, 0, 0);
}
