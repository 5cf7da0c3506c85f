package io.skald.querier;

import io.skald.index.IndexStats;
import io.skald.index.Matcher;
import io.skald.index.Volume;
import io.skald.index.VolumeAggregation;
import io.skald.index.VolumeGrouping;
import io.skald.labels.Labels;
import io.skald.proto.ingester.StreamStat;
import io.skald.proto.ingester.StreamStatsRequest;
import io.skald.store.IndexClient;
import io.skald.store.IndexProtos;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Index stats and volumes: the index's answer for flushed chunks plus the ingesters' for unflushed ones (within
 * {@code query_ingesters_within}), a stream held by several replicas counted once. Loki's querier sums its ingesters'
 * answers, which counts a stream once per replica; Skald keeps, per stream fingerprint, the replica holding the most
 * entries (replicas of a stream take the same pushes, so their chunks are alike; a replica that missed pushes holds
 * fewer).
 */
final class StatsQueries {
    private final IngesterFanout ingesters;
    private final IndexClient index;

    StatsQueries(IngesterFanout ingesters, IndexClient index) {
        this.ingesters = ingesters;
        this.index = index;
    }

    /** {@code /index/stats} of one or several ({@code a|b}) tenants, summed. */
    IndexStats stats(String tenants, List<Matcher> matchers, long from, long through) {
        long streams = 0;
        long chunks = 0;
        long entries = 0;
        long bytes = 0;
        for (String tenant : MultiTenant.split(tenants)) {
            IndexStats one = statsOf(tenant, matchers, from, through);
            streams += one.streams();
            chunks += one.chunks();
            entries += one.entries();
            bytes += one.bytes();
        }
        return new IndexStats(streams, chunks, entries, bytes);
    }

    /** {@code /index/volume} rows of one or several tenants; each tenant's rows merged from index and ingesters. */
    List<Volume> volume(
            String tenants,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targets,
            VolumeAggregation aggregation,
            int limit) {
        List<Volume> out = new java.util.ArrayList<>();
        for (String tenant : MultiTenant.split(tenants)) {
            out.addAll(volumeOf(tenant, matchers, from, through, targets, aggregation, limit));
        }
        return out;
    }

    private IndexStats statsOf(String tenant, List<Matcher> matchers, long from, long through) {
        IndexStats stored = index.stats(tenant, matchers, from, through);
        Collection<StreamStat> recent = ingesterStreams(tenant, matchers, from, through);
        if (recent.isEmpty()) {
            return stored;
        }
        long chunks = stored.chunks();
        long entries = stored.entries();
        long bytes = stored.bytes();
        for (StreamStat stat : recent) {
            chunks += stat.getChunks();
            entries += stat.getEntries();
            bytes += stat.getBytes();
        }
        // A stream with flushed chunks and an unflushed head is in both answers: count it once.
        long streams = stored.streams() + recent.size();
        if (stored.streams() > 0) {
            Set<Long> recentFingerprints = new HashSet<>();
            recent.forEach(s -> recentFingerprints.add(s.getFingerprint()));
            for (Labels series : index.series(tenant, List.of(matchers), from, through)) {
                if (recentFingerprints.contains(series.hash())) {
                    streams--;
                }
            }
        }
        return new IndexStats(streams, chunks, entries, bytes);
    }

    private List<Volume> volumeOf(
            String tenant,
            List<Matcher> matchers,
            long from,
            long through,
            List<String> targets,
            VolumeAggregation aggregation,
            int limit) {
        List<Volume> stored = index.volume(tenant, matchers, from, through, targets, aggregation, limit);
        VolumeGrouping grouping = new VolumeGrouping(matchers, targets, aggregation);
        Collection<StreamStat> recent = ingesterStreams(tenant, grouping.effectiveMatchers(), from, through);
        if (recent.isEmpty()) {
            return stored;
        }
        for (StreamStat stat : recent) {
            // As the index: a stream whose prorated entries round to nothing has no volume in the range.
            if (stat.getEntries() > 0) {
                grouping.add(IndexProtos.parseLabels(stat.getLabels()), stat.getBytes());
            }
        }
        grouping.addGrouped(stored);
        return grouping.result(limit);
    }

    /** The ingesters' per-stream figures, one per fingerprint (the replica with the most entries, then bytes). */
    private Collection<StreamStat> ingesterStreams(String tenant, List<Matcher> matchers, long from, long through) {
        long[] range = ingesters.range(from, through);
        if (range == null) {
            return List.of();
        }
        StreamStatsRequest request = StreamStatsRequest.newBuilder()
                .addAllMatchers(IndexProtos.toProto(matchers))
                .setStartNanos(range[0])
                .setEndNanos(range[1])
                .build();
        Map<Long, StreamStat> byStream = new HashMap<>();
        for (List<StreamStat> replica : ingesters.streamStats(tenant, request)) {
            for (StreamStat stat : replica) {
                byStream.merge(stat.getFingerprint(), stat, StatsQueries::fuller);
            }
        }
        return byStream.values();
    }

    private static StreamStat fuller(StreamStat a, StreamStat b) {
        if (a.getEntries() != b.getEntries()) {
            return a.getEntries() > b.getEntries() ? a : b;
        }
        return a.getBytes() >= b.getBytes() ? a : b;
    }
}
