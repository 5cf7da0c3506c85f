package io.skald.querier;

import com.google.protobuf.Timestamp;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.index.ChunkRef;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.labels.Labels;
import io.skald.logql.shard.StreamShard;
import io.skald.proto.ingester.QueryOrder;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.store.ChunkFetcher;
import io.skald.store.DedupMerge;
import io.skald.store.EntrySource;
import io.skald.store.IndexClient;
import io.skald.store.IndexProtos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The querier's {@link LogSource}: recent entries from every ingester of the ring (all replicas, within {@code
 * query_ingesters_within}) and stored chunks found through the index, merged per stream with duplicates dropped.
 * Chunks are fetched only when the merge reaches them; ingesters get the engine's filter, limit, reading order and
 * shard, and their answers are read as the merge goes ({@link IngesterAnswer}), so neither side holds a whole answer.
 */
final class QuerierLogSource implements LogSource {
    private final IngesterFanout ingesters;
    private final IndexClient index;
    private final ChunkFetcher chunks;

    QuerierLogSource(IngesterFanout ingesters, IndexClient index, ChunkFetcher chunks) {
        this.ingesters = ingesters;
        this.index = index;
        this.chunks = chunks;
    }

    @Override
    public Selected select(Selection selection) {
        QueryStatistics stats = QueryStatistics.current();
        String tenant = selection.tenant();
        List<Matcher> matchers = selection.matchers();
        long fromNanos = selection.fromNanos();
        long throughNanos = selection.throughNanos();
        Direction direction = selection.direction();
        StreamShard shard = selection.shard();
        Map<Labels, List<EntrySource>> byStream = new TreeMap<>();
        // Per stream, the entries its sources yielded, to count what the merge dropped as duplicates.
        Map<Labels, long[]> read = new HashMap<>();
        // The index first: nothing can fail between opening the ingesters' calls and handing them to the caller.
        List<SeriesChunks> stored = index.chunkRefs(tenant, matchers, fromNanos, throughNanos);
        List<IngesterAnswer> answers = List.of();
        long[] ingesterRange = ingesters.range(fromNanos, throughNanos);
        if (ingesterRange != null) {
            answers = ingesters.open(tenant, ingesterRequest(selection, ingesterRange));
            Map<String, Labels> parsed = new HashMap<>();
            // Opened right away: an ingester's first entry may come at any time of the range.
            long start = direction == Direction.FORWARD ? Long.MIN_VALUE : Long.MAX_VALUE;
            for (IngesterAnswer answer : answers) {
                for (String text : answer.listed()) {
                    Labels labels = parsed.computeIfAbsent(text, IndexProtos::parseLabels);
                    if (shard != null && !shard.contains(labels)) {
                        continue; // ingesters select the shard themselves; this guards the merge all the same
                    }
                    long[] streamRead = read.computeIfAbsent(labels, l -> new long[1]);
                    byStream.computeIfAbsent(labels, l -> new ArrayList<>())
                            .add(EntrySource.of(counting(answer.entries(text), streamRead), start));
                }
            }
        }
        ContentQuery content = selection.filter().content();
        for (SeriesChunks series : stored) {
            if (shard != null && !shard.contains(series.labels())) {
                continue;
            }
            List<EntrySource> sources = byStream.computeIfAbsent(series.labels(), l -> new ArrayList<>());
            long[] streamRead = read.computeIfAbsent(series.labels(), l -> new long[1]);
            stats.chunksRef.add(series.refs().size());
            for (ChunkRef ref : series.refs()) {
                // A chunk's through is its last entry, inclusive; the chunk iterator wants an exclusive bound.
                EntrySource chunk = EntrySource.chunk(
                        chunks, ref.key(), ref.from(), ref.through(), fromNanos, throughNanos, direction, content);
                sources.add(new EntrySource(chunk.start(), () -> {
                    long began = System.nanoTime();
                    Iterator<LogEntry> entries = chunk.opener().get();
                    stats.downloadNanos.add(System.nanoTime() - began);
                    stats.chunksDownloaded.increment();
                    stats.compressedBytes.add(ref.compressedBytes());
                    return stats.countingStore(entries, streamRead, e -> QueryStatistics.utf8Length(e.line()));
                }));
            }
        }
        List<StreamEntries> out = new ArrayList<>(byStream.size());
        byStream.forEach((labels, sources) -> out.add(
                new StreamEntries(labels, merged(sources, direction, read.getOrDefault(labels, new long[1]), stats))));
        List<IngesterAnswer> opened = answers;
        return new Selected(out, () -> opened.forEach(IngesterAnswer::close));
    }

    /** The ingesters' request: the range they hold, the pushed-down filter, limit, order and shard. */
    private static QueryRequest ingesterRequest(Selection selection, long[] range) {
        QueryRequest.Builder request = QueryRequest.newBuilder()
                .addAllMatchers(IndexProtos.toProto(selection.matchers()))
                .setStartNanos(range[0])
                .setEndNanos(range[1])
                .setLimit(Math.max(0, selection.limit()))
                .setDirection(
                        selection.direction() == Direction.FORWARD
                                ? io.skald.proto.ingester.Direction.FORWARD
                                : io.skald.proto.ingester.Direction.BACKWARD)
                .setPipeline(selection.filter().text())
                .setOrder(selection.streamByStream() ? QueryOrder.BY_STREAM : QueryOrder.BY_TIME);
        StreamShard shard = selection.shard();
        if (shard != null) {
            request.setShardIndex(shard.index()).setShardCount(shard.count());
        }
        return request.build();
    }

    private static Iterator<LogEntry> counting(Iterator<LogEntry> entries, long[] read) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public LogEntry next() {
                LogEntry entry = entries.next();
                read[0]++;
                return entry;
            }
        };
    }

    /**
     * The merged entries of one stream. Once the merge is exhausted, what its sources yielded beyond what it returned
     * were duplicates (replicas, flushed chunks still held by ingesters).
     */
    private static Iterator<LogEntry> merged(
            List<EntrySource> sources, Direction direction, long[] read, QueryStatistics stats) {
        Iterator<LogEntry> merged = new DedupMerge(sources, direction);
        return new Iterator<>() {
            private long taken;
            private boolean counted;

            @Override
            public boolean hasNext() {
                boolean more = merged.hasNext();
                if (!more && !counted) {
                    counted = true;
                    stats.duplicates.add(Math.max(0, read[0] - taken));
                }
                return more;
            }

            @Override
            public LogEntry next() {
                taken++;
                return merged.next();
            }
        };
    }

    static LogEntry toEntry(EntryAdapter e) {
        Timestamp ts = e.getTimestamp();
        long nanos = ts.getSeconds() * 1_000_000_000L + ts.getNanos();
        if (e.getStructuredMetadataCount() == 0) {
            return new LogEntry(nanos, e.getLine());
        }
        Labels.Builder metadata = Labels.builder();
        for (LabelPairAdapter pair : e.getStructuredMetadataList()) {
            metadata.set(pair.getName(), pair.getValue());
        }
        return new LogEntry(nanos, e.getLine(), metadata.build());
    }
}
