package io.skald.querier;

import com.google.protobuf.Timestamp;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.LogEntry;
import io.skald.index.ChunkRef;
import io.skald.index.Matcher;
import io.skald.index.SeriesChunks;
import io.skald.labels.Labels;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.LabelPairAdapter;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.store.ChunkFetcher;
import io.skald.store.DedupMerge;
import io.skald.store.EntrySource;
import io.skald.store.IndexClient;
import io.skald.store.IndexProtos;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The querier's {@link LogSource}: recent entries from every ingester of the ring (all replicas, within {@code
 * query_ingesters_within}) and stored chunks found through the index, merged per stream with duplicates dropped.
 * Chunks are fetched only when the merge reaches them.
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
    public List<StreamEntries> select(
            String tenant, List<Matcher> matchers, long fromNanos, long throughNanos, Direction direction, int limit) {
        return select(tenant, matchers, fromNanos, throughNanos, direction, limit, ContentQuery.ANY);
    }

    @Override
    public List<StreamEntries> select(
            String tenant,
            List<Matcher> matchers,
            long fromNanos,
            long throughNanos,
            Direction direction,
            int limit,
            ContentQuery content) {
        QueryStatistics stats = QueryStatistics.current();
        Map<Labels, List<EntrySource>> byStream = new TreeMap<>();
        // Per stream, the entries its sources yielded, to count what the merge dropped as duplicates.
        Map<Labels, long[]> read = new java.util.HashMap<>();
        long[] ingesterRange = ingesters.range(fromNanos, throughNanos);
        if (ingesterRange != null) {
            QueryRequest request = QueryRequest.newBuilder()
                    .addAllMatchers(IndexProtos.toProto(matchers))
                    .setStartNanos(ingesterRange[0])
                    .setEndNanos(ingesterRange[1])
                    .setLimit(Math.max(0, limit))
                    .setDirection(
                            direction == Direction.FORWARD
                                    ? io.skald.proto.ingester.Direction.FORWARD
                                    : io.skald.proto.ingester.Direction.BACKWARD)
                    .build();
            for (List<QueryResponse> replica : ingesters.query(tenant, request)) {
                stats.ingestersReached.increment();
                stats.ingesterBatches.add(replica.size());
                Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
                for (QueryResponse response : replica) {
                    for (StreamAdapter stream : response.getStreamsList()) {
                        List<LogEntry> entries = streams.computeIfAbsent(
                                IndexProtos.parseLabels(stream.getLabels()), l -> new ArrayList<>());
                        for (EntryAdapter e : stream.getEntriesList()) {
                            entries.add(toEntry(e));
                            stats.ingesterBytes.add(e.getLineBytes().size());
                        }
                        stats.ingesterLines.add(stream.getEntriesCount());
                    }
                }
                streams.forEach((labels, entries) -> {
                    if (!entries.isEmpty()) {
                        read.computeIfAbsent(labels, l -> new long[1])[0] += entries.size();
                        byStream.computeIfAbsent(labels, l -> new ArrayList<>())
                                .add(EntrySource.of(
                                        entries.iterator(), entries.getFirst().timestampNanos()));
                    }
                });
            }
        }
        for (SeriesChunks series : index.chunkRefs(tenant, matchers, fromNanos, throughNanos)) {
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
        byStream.forEach((labels, sources) -> out.add(new StreamEntries(
                labels, limited(sources, direction, limit, read.getOrDefault(labels, new long[1]), stats))));
        return out;
    }

    /**
     * The merged entries of one stream, at most {@code limit} when positive. Once the merge is exhausted, what its
     * sources yielded beyond what it returned were duplicates (replicas, flushed chunks still held by ingesters).
     */
    private static Iterator<LogEntry> limited(
            List<EntrySource> sources, Direction direction, int limit, long[] read, QueryStatistics stats) {
        Iterator<LogEntry> merged = new DedupMerge(sources, direction);
        return new Iterator<>() {
            private int taken;
            private boolean counted;

            @Override
            public boolean hasNext() {
                if (limit > 0 && taken >= limit) {
                    return false;
                }
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
