package io.skald.store;

import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import java.util.List;
import java.util.TreeSet;

/** Index lookups answered in this process from the {@link IndexCache}: what an index gateway serves. */
public final class LocalIndex implements IndexClient {
    private final IndexCache cache;

    public LocalIndex(IndexCache cache) {
        this.cache = cache;
    }

    @Override
    public List<SeriesChunks> chunkRefs(String tenant, List<Matcher> matchers, long from, long through) {
        return cache.reader(tenant, from, through).seriesChunks(matchers, from, through);
    }

    @Override
    public List<String> labelNames(String tenant, long from, long through, List<Matcher> matchers) {
        return cache.reader(tenant, from, through).labelNames(from, through, matchers);
    }

    @Override
    public List<String> labelValues(String tenant, String name, long from, long through, List<Matcher> matchers) {
        return cache.reader(tenant, from, through).labelValues(name, from, through, matchers);
    }

    @Override
    public List<Labels> series(String tenant, List<List<Matcher>> groups, long from, long through) {
        var reader = cache.reader(tenant, from, through);
        if (groups.isEmpty()) {
            return reader.series(List.of(), from, through);
        }
        TreeSet<Labels> all = new TreeSet<>();
        for (List<Matcher> group : groups) {
            all.addAll(reader.series(group, from, through));
        }
        return List.copyOf(all);
    }

    @Override
    public IndexStats stats(String tenant, List<Matcher> matchers, long from, long through) {
        return cache.reader(tenant, from, through).stats(matchers, from, through);
    }

    @Override
    public List<Volume> volume(
            String tenant,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targetLabels,
            VolumeAggregation aggregateBy,
            int limit) {
        return cache.reader(tenant, from, through).volume(matchers, from, through, targetLabels, aggregateBy, limit);
    }
}
