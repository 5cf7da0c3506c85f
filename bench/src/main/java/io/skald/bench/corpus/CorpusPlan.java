package io.skald.bench.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A deterministic corpus: {@code totalLines} lines dealt round-robin over the streams (line {@code k} goes to stream
 * {@code k % streams}), line {@code k} stamped {@code firstNanos + k * spanNanos / totalLines}, and each stream's
 * lines drawn from its own generator seeded from {@code seed} and the stream index. Clients own disjoint streams
 * (stream {@code s} belongs to client {@code s % clients}), so no two clients write one stream, as with real agents.
 */
public record CorpusPlan(List<StreamSpec> streams, long totalLines, long firstNanos, long spanNanos, long seed) {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    public CorpusPlan {
        streams = List.copyOf(streams);
        if (totalLines < 0 || spanNanos < 0) {
            throw new IllegalArgumentException("lines and span must not be negative");
        }
    }

    /** Timestamp of global line {@code k}. */
    public long timestampOf(long k) {
        if (totalLines == 0) {
            return firstNanos;
        }
        // Double keeps the product in range for long spans; the result is identical on every run.
        return firstNanos + (long) ((double) spanNanos * k / totalLines);
    }

    /** The pushes of client {@code client} of {@code clients}, each of at most {@code batchLines} lines. */
    public List<PushBatch> batchesFor(int client, int clients, int batchLines) {
        List<PushBatch> batches = new ArrayList<>();
        forEachBatch(client, clients, batchLines, batches::add);
        return batches;
    }

    /** Hands the client's pushes to {@code consumer} one at a time, so large corpora need not be held as text. */
    public void forEachBatch(int client, int clients, int batchLines, Consumer<PushBatch> consumer) {
        if (clients <= 0 || client < 0 || client >= clients || batchLines <= 0) {
            throw new IllegalArgumentException("bad client " + client + "/" + clients + " or batch " + batchLines);
        }
        int streamCount = streams.size();
        List<Cursor> cursors = new ArrayList<>();
        for (int s = client; s < streamCount; s += clients) {
            long lines = s < totalLines ? (totalLines - s + streamCount - 1) / streamCount : 0;
            if (lines > 0) {
                StreamSpec spec = streams.get(s);
                cursors.add(new Cursor(s, lines, new LineGenerator(spec.format(), seed + GOLDEN * (s + 1))));
            }
        }
        int next = 0;
        while (!cursors.isEmpty()) {
            // Take lines round-robin over the client's live streams until the batch is full.
            Map<Cursor, Pending> pending = new LinkedHashMap<>();
            int taken = 0;
            while (taken < batchLines && !cursors.isEmpty()) {
                if (next >= cursors.size()) {
                    next = 0;
                }
                Cursor cursor = cursors.get(next);
                long k = cursor.stream + cursor.taken * streamCount;
                long ts = timestampOf(k);
                Pending entries = pending.computeIfAbsent(cursor, c -> new Pending());
                entries.times.add(ts);
                entries.lines.add(cursor.generator.next(ts));
                cursor.taken++;
                taken++;
                if (cursor.taken == cursor.lines) {
                    cursors.remove(next);
                } else {
                    next++;
                }
            }
            List<PushBatch.StreamEntries> streamEntries = new ArrayList<>(pending.size());
            pending.forEach((cursor, entries) -> streamEntries.add(
                    new PushBatch.StreamEntries(streams.get(cursor.stream).labels(), entries.times, entries.lines)));
            consumer.accept(new PushBatch(streamEntries));
        }
    }

    private static final class Pending {
        final List<Long> times = new ArrayList<>();
        final List<String> lines = new ArrayList<>();
    }

    private static final class Cursor {
        final int stream;
        final long lines;
        final LineGenerator generator;
        long taken;

        Cursor(int stream, long lines, LineGenerator generator) {
            this.stream = stream;
            this.lines = lines;
            this.generator = generator;
        }
    }
}
