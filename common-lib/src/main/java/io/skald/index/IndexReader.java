package io.skald.index;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Answers index queries over the files of one tenant and period. Files may overlap (several ingesters, replicas,
 * a compacted file beside late uploads): series are merged by label set and chunk refs deduplicated by chunk key,
 * since replicas flush the same content-addressed chunk. Time ranges are {@code [from, through)} in ns against
 * chunks' inclusive {@code [from, through]}, as in Loki. Thread-safe.
 */
public final class IndexReader {
    /** Loki's default {@code limit} for {@code /index/volume}. */
    public static final int DEFAULT_VOLUME_LIMIT = 100;

    private final List<IndexFile> files;

    /**
     * @throws IllegalArgumentException when the files belong to different tenants
     */
    public IndexReader(List<IndexFile> files) {
        this.files = List.copyOf(files);
        for (IndexFile file : this.files) {
            if (!file.tenant().equals(this.files.get(0).tenant())) {
                throw new IllegalArgumentException("index files of tenants "
                        + this.files.get(0).tenant() + " and " + file.tenant() + " cannot be read together");
            }
        }
    }

    public List<IndexFile> files() {
        return files;
    }

    /** Chunk refs of matching series overlapping the range, one per chunk key, by stream then time. */
    public List<ChunkRef> chunkRefs(List<Matcher> matchers, long fromNanos, long throughNanos) {
        SeriesSelector selector = new SeriesSelector(matchers);
        Set<String> seen = new HashSet<>();
        List<ChunkRef> refs = new ArrayList<>();
        for (IndexFile file : files) {
            for (int id : selector.select(file)) {
                file.forEachChunk(id, fromNanos, throughNanos, ref -> {
                    if (seen.add(ref.key())) {
                        refs.add(ref);
                    }
                });
            }
        }
        refs.sort(ChunkRef.ORDER);
        return refs;
    }

    /** Like {@link #chunkRefs} but grouped by series, series in label order. */
    public List<SeriesChunks> seriesChunks(List<Matcher> matchers, long fromNanos, long throughNanos) {
        SeriesSelector selector = new SeriesSelector(matchers);
        Set<String> seen = new HashSet<>();
        TreeMap<Labels, List<ChunkRef>> bySeries = new TreeMap<>();
        for (IndexFile file : files) {
            for (int id : selector.select(file)) {
                List<ChunkRef> found = new ArrayList<>();
                file.forEachChunk(id, fromNanos, throughNanos, ref -> {
                    if (seen.add(ref.key())) {
                        found.add(ref);
                    }
                });
                if (!found.isEmpty()) {
                    bySeries.computeIfAbsent(file.labels(id), l -> new ArrayList<>())
                            .addAll(found);
                }
            }
        }
        List<SeriesChunks> out = new ArrayList<>(bySeries.size());
        bySeries.forEach((labels, refs) -> {
            refs.sort(ChunkRef.ORDER);
            out.add(new SeriesChunks(labels, refs));
        });
        return out;
    }

    /** Distinct label sets of matching series with a chunk in the range, sorted. */
    public List<Labels> series(List<Matcher> matchers, long fromNanos, long throughNanos) {
        SeriesSelector selector = new SeriesSelector(matchers);
        TreeSet<Labels> out = new TreeSet<>();
        for (IndexFile file : files) {
            for (int id : selector.select(file)) {
                if (file.seriesOverlaps(id, fromNanos, throughNanos)) {
                    out.add(file.labels(id));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Sorted distinct label names of series with a chunk in the range. */
    public List<String> labelNames(long fromNanos, long throughNanos) {
        return labelNames(fromNanos, throughNanos, List.of());
    }

    /** Sorted distinct label names of matching series (all series when {@code matchers} is empty) in the range. */
    public List<String> labelNames(long fromNanos, long throughNanos, List<Matcher> matchers) {
        SeriesSelector selector = new SeriesSelector(matchers);
        TreeSet<String> names = new TreeSet<>();
        for (IndexFile file : files) {
            if (matchers.isEmpty() && covers(file, fromNanos, throughNanos)) {
                names.addAll(file.labelNames());
                continue;
            }
            int @Nullable [] selected = matchers.isEmpty() ? null : selector.select(file);
            if (selected != null && selected.length == 0) {
                continue;
            }
            for (int nameIndex = 0; nameIndex < file.nameCount(); nameIndex++) {
                if (anyValueInRange(file, nameIndex, selected, fromNanos, throughNanos)) {
                    names.add(file.nameAt(nameIndex));
                }
            }
        }
        return List.copyOf(names);
    }

    /** Whether some series with this label (among {@code selected}, when given) has a chunk in the range. */
    private static boolean anyValueInRange(
            IndexFile file, int nameIndex, int @Nullable [] selected, long fromNanos, long throughNanos) {
        int count = file.valueCount(nameIndex);
        for (int v = 0; v < count; v++) {
            if (anyInRange(file, file.postingsAt(nameIndex, v), selected, fromNanos, throughNanos)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyInRange(
            IndexFile file, int[] ids, int @Nullable [] selected, long fromNanos, long throughNanos) {
        int[] candidates = selected == null ? ids : Postings.intersect(ids, selected);
        for (int id : candidates) {
            if (file.seriesOverlaps(id, fromNanos, throughNanos)) {
                return true;
            }
        }
        return false;
    }

    /** Sorted distinct values of a label among series with a chunk in the range. */
    public List<String> labelValues(String name, long fromNanos, long throughNanos) {
        return labelValues(name, fromNanos, throughNanos, List.of());
    }

    /** Sorted distinct values of a label among matching series (all when {@code matchers} is empty) in the range. */
    public List<String> labelValues(String name, long fromNanos, long throughNanos, List<Matcher> matchers) {
        SeriesSelector selector = new SeriesSelector(matchers);
        TreeSet<String> values = new TreeSet<>();
        for (IndexFile file : files) {
            int nameIndex = file.nameIndex(name);
            if (nameIndex < 0) {
                continue;
            }
            if (matchers.isEmpty() && covers(file, fromNanos, throughNanos)) {
                values.addAll(file.labelValues(name));
                continue;
            }
            int @Nullable [] selected = matchers.isEmpty() ? null : selector.select(file);
            if (selected != null && selected.length == 0) {
                continue;
            }
            int count = file.valueCount(nameIndex);
            for (int v = 0; v < count; v++) {
                if (anyInRange(file, file.postingsAt(nameIndex, v), selected, fromNanos, throughNanos)) {
                    values.add(file.valueAt(nameIndex, v));
                }
            }
        }
        return List.copyOf(values);
    }

    /**
     * Loki's {@code /index/stats}: streams with a chunk in the range, distinct chunks, and their entries and
     * uncompressed bytes, prorated by the share of each chunk's time span inside the range.
     */
    public IndexStats stats(List<Matcher> matchers, long fromNanos, long throughNanos) {
        SeriesSelector selector = new SeriesSelector(matchers);
        Set<String> seen = new HashSet<>();
        Set<Long> streams = new HashSet<>();
        SeriesTotals totals = new SeriesTotals();
        for (IndexFile file : files) {
            for (int id : selector.select(file)) {
                totals.reset();
                accumulate(file, id, fromNanos, throughNanos, seen, totals);
                if (totals.matched) {
                    streams.add(file.fingerprint(id));
                }
            }
        }
        return new IndexStats(streams.size(), totals.chunks, totals.allEntries, totals.allBytes);
    }

    /**
     * Loki's {@code /index/volume}: uncompressed bytes (prorated as in {@link #stats}) of matching series, grouped
     * by {@link VolumeGrouping}.
     *
     * <ul>
     *   <li>With {@code targetLabels}, an {@code =~".+"} matcher is added for each target the matchers do not
     *       name (so the series must have it), and series are grouped by their target labels only.
     *   <li>Without them, series are grouped by the labels the matchers name; with no matchers at all (Loki's
     *       {@code {}}) by their full label set.
     *   <li>{@link VolumeAggregation#LABELS} instead adds each series' bytes to every label name it has (only the
     *       target labels when given).
     * </ul>
     *
     * Rows come largest first, ties by name, at most {@code limit} of them ({@link #DEFAULT_VOLUME_LIMIT} when
     * {@code limit <= 0}); series with no entries in the range are left out.
     */
    public List<Volume> volume(
            List<Matcher> matchers,
            long fromNanos,
            long throughNanos,
            List<String> targetLabels,
            VolumeAggregation aggregateBy,
            int limit) {
        VolumeGrouping grouping = new VolumeGrouping(matchers, targetLabels, aggregateBy);
        // Totals per series first, across files: whether a series counts (entries > 0 after proration) must not
        // depend on how its chunks are spread over uploads.
        SeriesSelector selector = new SeriesSelector(grouping.effectiveMatchers());
        Set<String> seen = new HashSet<>();
        SeriesTotals totals = new SeriesTotals();
        // Keyed by fingerprint, which the file stores, so no label set is hashed.
        Map<Long, SeriesVolume> perSeries = new HashMap<>();
        for (IndexFile file : files) {
            for (int id : selector.select(file)) {
                totals.reset();
                accumulate(file, id, fromNanos, throughNanos, seen, totals);
                if (totals.matched) {
                    int seriesId = id;
                    SeriesVolume sums = perSeries.computeIfAbsent(
                            file.fingerprint(id), fp -> new SeriesVolume(file.labels(seriesId)));
                    sums.entries += totals.entries;
                    sums.bytes += totals.bytes;
                }
            }
        }
        for (SeriesVolume series : perSeries.values()) {
            if (series.entries > 0) {
                grouping.add(series.labels, series.bytes);
            }
        }
        return grouping.result(limit);
    }

    /** Whether every chunk of the file lies inside the range, so per-series time checks can be skipped. */
    private static boolean covers(IndexFile file, long fromNanos, long throughNanos) {
        return file.seriesCount() > 0 && fromNanos <= file.minTime() && file.maxTime() < throughNanos;
    }

    /**
     * Adds a series' chunks in the range to {@code totals}. With one file there is nothing to deduplicate (a
     * writer keeps each key once), so keys are not even decoded; with several, a chunk key seen before adds nothing.
     */
    private void accumulate(
            IndexFile file, int id, long fromNanos, long throughNanos, Set<String> seen, SeriesTotals totals) {
        if (files.size() == 1) {
            file.forEachChunkSize(id, fromNanos, throughNanos, (from, through, bytes, entries) -> {
                totals.matched = true;
                totals.add(fromNanos, throughNanos, from, through, bytes, entries);
            });
            return;
        }
        file.forEachChunk(id, fromNanos, throughNanos, ref -> {
            totals.matched = true;
            if (seen.add(ref.key())) {
                totals.add(fromNanos, throughNanos, ref.from(), ref.through(), ref.uncompressedBytes(), ref.entries());
            }
        });
    }

    /** A series' summed entries and bytes in a volume query. */
    private static final class SeriesVolume {
        final Labels labels;
        long entries;
        long bytes;

        SeriesVolume(Labels labels) {
            this.labels = labels;
        }
    }

    /** Per-series and running totals while scanning chunks. */
    private static final class SeriesTotals {
        boolean matched;
        long entries;
        long bytes;
        long allEntries;
        long allBytes;

        long chunks;

        void reset() {
            matched = false;
            entries = 0;
            bytes = 0;
        }

        void add(long from, long through, long chunkFrom, long chunkThrough, long chunkBytes, long chunkEntries) {
            double factor = TimeRanges.factor(from, through, chunkFrom, chunkThrough);
            long proratedEntries = (long) (chunkEntries * factor);
            long proratedBytes = (long) (chunkBytes * factor);
            chunks++;
            entries += proratedEntries;
            bytes += proratedBytes;
            allEntries += proratedEntries;
            allBytes += proratedBytes;
        }
    }
}
