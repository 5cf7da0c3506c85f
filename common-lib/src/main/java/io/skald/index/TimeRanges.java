package io.skald.index;

/** The overlap and proration rules shared by every index query (and the ingesters' answers for unflushed chunks). */
public final class TimeRanges {
    private TimeRanges() {}

    /** Loki's rule: chunk {@code [chunkFrom, chunkThrough]} inclusive, query {@code [from, through)}. */
    public static boolean overlaps(long from, long through, long chunkFrom, long chunkThrough) {
        return from <= chunkThrough && through > chunkFrom;
    }

    /**
     * The share of a chunk's time span inside the query range, as Loki prorates stats and volumes for chunks that
     * straddle the range edges; a single-instant chunk counts whole.
     */
    public static double factor(long from, long through, long chunkFrom, long chunkThrough) {
        if (from > chunkThrough || through < chunkFrom) {
            return 0;
        }
        if (chunkFrom == chunkThrough) {
            return 1;
        }
        double total = (double) chunkThrough - chunkFrom;
        double leading = Math.max(0, (double) from - chunkFrom);
        double trailing = Math.max(0, (double) chunkThrough - through);
        return (total - leading - trailing) / total;
    }
}
