package io.skald.ingester.grpc;

import com.google.protobuf.UnsafeByteOperations;
import io.grpc.stub.ServerCallStreamObserver;
import io.skald.chunk.Direction;
import io.skald.chunk.EntryIterator;
import io.skald.ingester.Ingester;
import io.skald.labels.Labels;
import io.skald.logql.engine.PushedFilter;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.StreamAdapter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * Streams one {@code Query} answer, on a thread other than the call's executor (whose handlers wake it): first the listing of the streams it may carry, then their entries that pass the
 * pushed-down pipeline, stream after stream or interleaved by time, in messages of bounded size. It sends only when
 * the transport is ready (gRPC flow control) and stops when the querier cancels, so an answer of any size is never
 * held in memory: at most one message plus, per stream being read, one decompressed block.
 */
final class QueryResponder {
    /** Entries per message, keeping messages well under the gRPC size limit. */
    static final int ENTRIES_PER_MESSAGE = 1_000;

    /** Line bytes after which a message is sent before it holds {@link #ENTRIES_PER_MESSAGE} entries. */
    static final int BYTES_PER_MESSAGE = 1 << 20;

    /** Stream label texts per listing message. */
    static final int LISTED_PER_MESSAGE = 2_000;

    private final ServerCallStreamObserver<QueryResponse> call;
    private final Object ready = new Object();
    private final Map<String, StreamAdapter.Builder> batch = new LinkedHashMap<>();
    private int batchEntries;
    private long batchBytes;
    private long scannedLines;
    private long scannedBytes;

    QueryResponder(ServerCallStreamObserver<QueryResponse> call) {
        this.call = call;
        Runnable wake = () -> {
            synchronized (ready) {
                ready.notifyAll();
            }
        };
        // Handlers may only be set during the first call into the service, before any message is sent.
        call.setOnReadyHandler(wake);
        call.setOnCancelHandler(wake);
    }

    /**
     * Sends the answer and completes the call, unless the querier cancelled it.
     *
     * @param byTime interleave streams by time in {@code direction} (forced when {@code limit} is positive)
     * @param limit when positive, only the first {@code limit} passing entries over all streams
     */
    void answer(
            List<Ingester.QueryStream> streams, PushedFilter filter, Direction direction, boolean byTime, int limit) {
        if (!list(streams)) {
            return;
        }
        boolean completed =
                byTime || limit > 0 ? interleaved(streams, filter, direction, limit) : streamByStream(streams, filter);
        if (completed
                && flush(
                        QueryResponse.newBuilder().setScannedLines(scannedLines).setScannedBytes(scannedBytes))) {
            call.onCompleted();
        }
    }

    private boolean list(List<Ingester.QueryStream> streams) {
        int from = 0;
        do {
            int to = Math.min(streams.size(), from + LISTED_PER_MESSAGE);
            QueryResponse.Builder message = QueryResponse.newBuilder().setStreamsListed(to == streams.size());
            for (int i = from; i < to; i++) {
                message.addListedStreams(streams.get(i).labelsText());
            }
            if (!send(message.build())) {
                return false;
            }
            from = to;
        } while (from < streams.size());
        return true;
    }

    private boolean streamByStream(List<Ingester.QueryStream> streams, PushedFilter filter) {
        for (Ingester.QueryStream stream : streams) {
            Reader reader = new Reader(stream, filter);
            while (reader.advance()) {
                if (!add(reader)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean interleaved(
            List<Ingester.QueryStream> streams, PushedFilter filter, Direction direction, int limit) {
        Comparator<Reader> byTime = direction == Direction.FORWARD
                ? Comparator.comparingLong((Reader r) -> r.timestamp)
                : Comparator.comparingLong((Reader r) -> r.timestamp).reversed();
        // Ties in label text order, as the querier's engine breaks them, so a limit keeps the entries it would keep.
        PriorityQueue<Reader> heap = new PriorityQueue<>(byTime.thenComparing(r -> r.labelsText));
        for (Ingester.QueryStream stream : streams) {
            Reader reader = new Reader(stream, filter);
            if (reader.advance()) {
                heap.add(reader);
            }
        }
        int sent = 0;
        while (!heap.isEmpty() && (limit <= 0 || sent < limit)) {
            Reader reader = heap.poll();
            if (!add(reader)) {
                return false;
            }
            sent++;
            if (reader.advance()) {
                heap.add(reader);
            }
        }
        return true;
    }

    /** Adds the reader's current entry to the batch, sending the batch when full. */
    private boolean add(Reader reader) {
        EntryAdapter.Builder entry =
                EntryProtos.entry(reader.timestamp, UnsafeByteOperations.unsafeWrap(reader.line), reader.metadata);
        batch.computeIfAbsent(
                        reader.labelsText,
                        text -> StreamAdapter.newBuilder().setLabels(text).setHash(reader.fingerprint))
                .addEntries(entry);
        batchEntries++;
        batchBytes += reader.line.length;
        if (batchEntries >= ENTRIES_PER_MESSAGE || batchBytes >= BYTES_PER_MESSAGE) {
            return flush(QueryResponse.newBuilder());
        }
        return true;
    }

    /** Sends the batch in {@code message}, or {@code message} alone when it carries figures; false when cancelled. */
    private boolean flush(QueryResponse.Builder message) {
        if (batch.isEmpty() && message.getScannedLines() == 0) {
            return true;
        }
        batch.values().forEach(message::addStreams);
        batch.clear();
        batchEntries = 0;
        batchBytes = 0;
        return send(message.build());
    }

    /** Waits until the transport takes a message, then sends it; false when the querier has gone. */
    private boolean send(QueryResponse message) {
        synchronized (ready) {
            while (!call.isReady()) {
                if (call.isCancelled()) {
                    return false;
                }
                try {
                    // Woken by the ready and cancel handlers; the timeout only guards against a lost wake-up.
                    ready.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        if (call.isCancelled()) {
            return false;
        }
        call.onNext(message);
        return true;
    }

    /** One stream's entries passing the filter, its current one copied out of the block it was read from. */
    private final class Reader {
        private final Ingester.QueryStream stream;
        private final String labelsText;
        private final long fingerprint;
        private final PushedFilter.StreamFilter filter;
        private @Nullable EntryIterator entries;
        private long timestamp;
        private byte[] line = new byte[0];
        private Labels metadata = Labels.EMPTY;

        Reader(Ingester.QueryStream stream, PushedFilter filter) {
            this.stream = stream;
            this.labelsText = stream.labelsText();
            this.fingerprint = stream.labels().hash();
            this.filter = filter.forStream(stream.labels());
        }

        boolean advance() {
            EntryIterator it = entries;
            if (it == null) {
                it = stream.entries();
                entries = it;
            }
            while (it.next()) {
                scannedLines++;
                scannedBytes += it.lineLength();
                int offset = it.lineOffset();
                byte[] copy = Arrays.copyOfRange(it.lineArray(), offset, offset + it.lineLength());
                Labels meta = it.metadata();
                if (filter.keeps(it.timestamp(), copy, meta)) {
                    timestamp = it.timestamp();
                    line = copy;
                    metadata = meta;
                    return true;
                }
            }
            return false;
        }
    }
}
