package io.skald.ingester;

import io.skald.chunk.AppendResult;
import io.skald.chunk.Block;
import io.skald.chunk.ContentQuery;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.chunk.LogEntry;
import io.skald.chunk.MemChunk;
import io.skald.index.TimeRanges;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One stream of one tenant: an open head chunk taking appends and closed chunks waiting for flush (or retained after
 * it). Every method holds the stream's lock, so appends, queries, flushes and checkpoints see consistent chunks.
 */
final class LogStream {
    private final String tenant;
    private final Labels labels;
    private final String labelsText;
    private final ChunkSettings settings;
    private final List<ClosedChunk> closed = new ArrayList<>();
    private MemChunk head;
    private long headLastAppendMillis;
    private long newestTime = Long.MIN_VALUE;
    private long lastAppendMillis;
    private boolean removed;

    LogStream(String tenant, Labels labels, ChunkSettings settings, long nowMillis) {
        this.tenant = tenant;
        this.labels = labels;
        this.labelsText = labels.toString();
        this.settings = settings;
        this.head = newHead();
        this.lastAppendMillis = nowMillis;
        this.headLastAppendMillis = nowMillis;
    }

    String tenant() {
        return tenant;
    }

    Labels labels() {
        return labels;
    }

    /** The label text, as responses and error messages print it: {@code {a="1", b="2"}}. */
    String labelsText() {
        return labelsText;
    }

    long fingerprint() {
        return labels.hash();
    }

    /** The outcome of a push to this stream: entries stored (for WAL and tail), and Loki's error text if any. */
    record Appended(List<LogEntry> stored, String error) {}

    /**
     * Appends entries in push order. Entries older than the out-of-order window behind the newest entry are rejected
     * with Loki's message; exact duplicates of entries in the head block are dropped silently.
     *
     * @return null when the stream was removed meanwhile (the caller retries on a fresh stream)
     */
    synchronized @Nullable Appended append(List<LogEntry> entries, long nowMillis, boolean enforceWindow) {
        return append(entries, nowMillis, enforceWindow, stored -> {});
    }

    /**
     * As {@link #append(List, long, boolean)}, handing the stored entries to {@code whileLocked} before the lock is
     * released, so the WAL receives a stream's pushes in the order memory took them.
     */
    synchronized @Nullable Appended append(
            List<LogEntry> entries, long nowMillis, boolean enforceWindow, Consumer<List<LogEntry>> whileLocked) {
        if (removed) {
            return null;
        }
        List<LogEntry> stored = new ArrayList<>(entries.size());
        StringBuilder errors = new StringBuilder();
        int rejected = 0;
        long window = settings.outOfOrderWindowNanos();
        for (LogEntry entry : entries) {
            long time = entry.timestampNanos();
            if (enforceWindow && newestTime != Long.MIN_VALUE && time < newestTime - window) {
                errors.append(TooFarBehind.entryLine(time, newestTime - window)).append('\n');
                rejected++;
                continue;
            }
            byte[] line = entry.line().getBytes(StandardCharsets.UTF_8);
            if (!head.isEmpty() && !head.spaceFor(line.length)) {
                close(FlushReason.FULL);
            } else if (!head.isEmpty()
                    && Math.max(time, head.maxTime()) - Math.min(time, head.minTime())
                            > settings.maxChunkAge().toNanos()) {
                close(FlushReason.MAX_AGE);
            }
            if (head.append(time, line, entry.metadata()) == AppendResult.DUPLICATE) {
                continue;
            }
            stored.add(entry);
            newestTime = Math.max(newestTime, time);
        }
        if (!stored.isEmpty()) {
            lastAppendMillis = nowMillis;
            headLastAppendMillis = nowMillis;
            whileLocked.accept(stored);
        }
        String error = rejected == 0
                ? ""
                : errors.append(TooFarBehind.summaryLine(tenant, rejected, entries.size(), labelsText))
                        .toString();
        return new Appended(stored, error);
    }

    /** Closes the head chunk if it has entries; it is then flushed on the next flush pass. */
    synchronized void close(FlushReason reason) {
        if (head.isEmpty()) {
            return;
        }
        byte[] encoded = head.encode();
        closed.add(new ClosedChunk(encoded, head.lineBytes(), reason));
        head = newHead();
    }

    /**
     * Chunks due for flushing and not yet queued: closed ones, and the head when idle or too old (closing it), or
     * everything when {@code force}. Marks them queued.
     */
    synchronized List<ClosedChunk> takeFlushable(long nowMillis, boolean force) {
        if (!head.isEmpty()) {
            if (force) {
                close(FlushReason.FORCED);
            } else if (nowMillis - headLastAppendMillis > settings.idlePeriod().toMillis()) {
                close(FlushReason.IDLE);
            } else if (head.maxTime() - head.minTime() > settings.maxChunkAge().toNanos()) {
                close(FlushReason.MAX_AGE);
            }
        }
        List<ClosedChunk> due = new ArrayList<>();
        for (ClosedChunk chunk : closed) {
            if (!chunk.flushed() && !chunk.queued()) {
                chunk.queued(true);
                due.add(chunk);
            }
        }
        return due;
    }

    synchronized void flushed(ClosedChunk chunk, long nowMillis) {
        chunk.flushedAt(nowMillis);
    }

    synchronized void flushFailed(ClosedChunk chunk) {
        chunk.queued(false);
    }

    /**
     * Drops flushed chunks past {@code chunk_retain_period}; returns true (and marks the stream removed) when the
     * stream is then empty and idle, so the caller drops it from the tenant.
     */
    synchronized boolean sweep(long nowMillis) {
        long retain = settings.retainPeriod().toMillis();
        closed.removeIf(chunk -> chunk.flushed() && nowMillis - chunk.flushedAtMillis() >= retain);
        if (closed.isEmpty() && head.isEmpty()) {
            removed = true;
        }
        return removed;
    }

    synchronized int chunkCount() {
        return closed.size() + (head.isEmpty() ? 0 : 1);
    }

    synchronized boolean hasUnflushed() {
        if (!head.isEmpty()) {
            return true;
        }
        for (ClosedChunk chunk : closed) {
            if (!chunk.flushed()) {
                return true;
            }
        }
        return false;
    }

    /** Whether any stored entry may lie in {@code [from, through)} (an empty range means no time filter). */
    synchronized boolean overlaps(long from, long through) {
        if (from >= through) {
            return true;
        }
        long min = head.isEmpty() ? Long.MAX_VALUE : head.minTime();
        long max = head.isEmpty() ? Long.MIN_VALUE : head.maxTime();
        for (ClosedChunk chunk : closed) {
            min = Math.min(min, chunk.stats().from());
            max = Math.max(max, chunk.stats().through());
        }
        return min < through && max >= from;
    }

    /** Unflushed chunks of a stream overlapping a range: their count and their prorated entries and bytes. */
    record UnflushedStats(long chunks, long entries, long bytes) {}

    /**
     * Figures of the chunks not yet flushed (closed ones and the head) overlapping {@code [from, through)}, prorated
     * as the index prorates flushed chunks (bytes are line and metadata bytes, what the flushed chunk's index entry
     * records), so that an answer does not change when the chunks are flushed. Null when no such chunk exists.
     */
    synchronized @Nullable UnflushedStats unflushedStats(long from, long through) {
        long chunks = 0;
        long entriesTotal = 0;
        long bytesTotal = 0;
        for (ClosedChunk chunk : closed) {
            if (!chunk.flushed()
                    && TimeRanges.overlaps(
                            from, through, chunk.stats().from(), chunk.stats().through())) {
                double factor = TimeRanges.factor(
                        from, through, chunk.stats().from(), chunk.stats().through());
                chunks++;
                entriesTotal += (long) (chunk.stats().entries() * factor);
                bytesTotal += (long) (chunk.lineBytes() * factor);
            }
        }
        if (!head.isEmpty() && TimeRanges.overlaps(from, through, head.minTime(), head.maxTime())) {
            double factor = TimeRanges.factor(from, through, head.minTime(), head.maxTime());
            chunks++;
            entriesTotal += (long) (head.entries() * factor);
            bytesTotal += (long) (head.lineBytes() * factor);
        }
        return chunks == 0 ? null : new UnflushedStats(chunks, entriesTotal, bytesTotal);
    }

    /** The first and last timestamp the stream holds (closed chunks and head), or null when it holds nothing. */
    synchronized long @Nullable [] timeSpan() {
        long min = head.isEmpty() ? Long.MAX_VALUE : head.minTime();
        long max = head.isEmpty() ? Long.MIN_VALUE : head.maxTime();
        for (ClosedChunk chunk : closed) {
            min = Math.min(min, chunk.stats().from());
            max = Math.max(max, chunk.stats().through());
        }
        return min > max ? null : new long[] {min, max};
    }

    /**
     * Entries in {@code [from, through)} in the given direction: by timestamp, equal timestamps in push order
     * (reversed backward), exact duplicates across chunks dropped. The iterator reads a snapshot of the chunks taken
     * now (the head block copied), so it is used without this stream's lock, and decompresses blocks only as it
     * reaches them; blocks whose content filter rules out {@code content} are skipped.
     */
    synchronized EntryIterator iterator(long from, long through, Direction direction, ContentQuery content) {
        List<Block> blocks = new ArrayList<>();
        for (ClosedChunk chunk : closed) {
            blocks.addAll(chunk.chunk().blocks());
        }
        blocks.addAll(head.snapshotBlocks());
        return EntryIterator.over(blocks, from, through, direction, content);
    }

    /** Everything not yet flushed, for a WAL checkpoint: closed unflushed chunks and the head, in time order. */
    synchronized List<LogEntry> unflushedEntries() {
        List<LogEntry> all = new ArrayList<>();
        for (ClosedChunk chunk : closed) {
            if (!chunk.flushed()) {
                drain(chunk.chunk().iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD), all);
            }
        }
        drain(head.iterator(Long.MIN_VALUE, Long.MAX_VALUE, Direction.FORWARD), all);
        return all;
    }

    synchronized long lastAppendMillis() {
        return lastAppendMillis;
    }

    private static void drain(EntryIterator iterator, List<LogEntry> into) {
        while (iterator.next()) {
            into.add(iterator.entry());
        }
    }

    private MemChunk newHead() {
        return new MemChunk(
                labels, settings.codec(), settings.blockSize(), settings.targetSize(), settings.contentFilter());
    }
}
