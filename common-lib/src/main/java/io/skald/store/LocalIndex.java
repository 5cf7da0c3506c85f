package io.skald.store;

import io.skald.index.IndexFile;
import io.skald.index.IndexReader;
import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.labels.Labels;
import java.util.ArrayList;
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

    /**
     * Label names as Loki's TSDB answers them: from every index file whose time span overlaps the range, without
     * checking each chunk's time (so a stream that ended shortly before the range still contributes while it shares
     * an index file with data in the range).
     */
    @Override
    public List<String> labelNames(String tenant, long from, long through, List<Matcher> matchers) {
        FileScope scope = FileScope.of(cache.reader(tenant, from, through), from, through);
        return scope.reader.labelNames(scope.from, scope.through, matchers);
    }

    /** Label values, from whole overlapping index files as {@link #labelNames}. */
    @Override
    public List<String> labelValues(String tenant, String name, long from, long through, List<Matcher> matchers) {
        FileScope scope = FileScope.of(cache.reader(tenant, from, through), from, through);
        return scope.reader.labelValues(name, scope.from, scope.through, matchers);
    }

    /** The index files overlapping a range and the span they cover. */
    private record FileScope(IndexReader reader, long from, long through) {
        static FileScope of(IndexReader all, long from, long through) {
            List<IndexFile> files = new ArrayList<>();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (IndexFile file : all.files()) {
                if (file.seriesCount() > 0 && file.minTime() < through && file.maxTime() >= from) {
                    files.add(file);
                    min = Math.min(min, file.minTime());
                    max = Math.max(max, file.maxTime());
                }
            }
            if (files.isEmpty()) {
                return new FileScope(new IndexReader(List.of()), from, through);
            }
            return new FileScope(new IndexReader(files), min, max == Long.MAX_VALUE ? max : max + 1);
        }
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
