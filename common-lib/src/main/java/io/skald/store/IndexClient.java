package io.skald.store;

import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import java.util.List;

/**
 * Index lookups of one tenant over the stored index files: answered in process ({@link LocalIndex}) or by an index
 * gateway over gRPC. Ranges are {@code [from, through)} in nanoseconds.
 */
public interface IndexClient {
    /** Matching series with their chunk refs overlapping the range, series in label order. */
    List<SeriesChunks> chunkRefs(String tenant, List<Matcher> matchers, long from, long through);

    List<String> labelNames(String tenant, long from, long through, List<Matcher> matchers);

    List<String> labelValues(String tenant, String name, long from, long through, List<Matcher> matchers);

    /** Series matching any group; no group means every series. */
    List<Labels> series(String tenant, List<List<Matcher>> groups, long from, long through);

    IndexStats stats(String tenant, List<Matcher> matchers, long from, long through);

    List<Volume> volume(
            String tenant,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targetLabels,
            VolumeAggregation aggregateBy,
            int limit);
}
