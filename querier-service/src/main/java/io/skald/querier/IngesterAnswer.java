package io.skald.querier;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.skald.chunk.LogEntry;
import io.skald.proto.ingester.IngesterQuerierGrpc;
import io.skald.proto.ingester.QueryOrder;
import io.skald.proto.ingester.QueryRequest;
import io.skald.proto.ingester.QueryResponse;
import io.skald.proto.logproto.EntryAdapter;
import io.skald.proto.logproto.StreamAdapter;
import io.skald.server.LokiHttpException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingester's streamed {@code Query} answer, read as the engine asks: the streams it lists come first, then each
 * stream's entries are handed out on demand. Entries that arrive for another stream wait in that stream's queue; as
 * the ingester sends in the order the engine reads ({@link QueryOrder}), the queues stay short, and gRPC flow control
 * holds the ingester back meanwhile. Closing cancels the call, e.g. when a limit was reached early.
 */
final class IngesterAnswer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngesterAnswer.class);

    private final String address;
    private final Context.CancellableContext context;
    private final Iterator<QueryResponse> responses;
    private final boolean byStream;
    private final ReadErrors errors;
    private final QueryStatistics stats;
    private final List<String> listed = new ArrayList<>();
    private final Map<String, Integer> positions = new HashMap<>();
    private final Map<String, ArrayDeque<LogEntry>> queues = new HashMap<>();
    /** The furthest listing position entries have arrived for: in stream order, earlier streams are complete. */
    private int position = -1;

    private boolean finished;

    private IngesterAnswer(
            String address,
            Context.CancellableContext context,
            Iterator<QueryResponse> responses,
            boolean byStream,
            ReadErrors errors,
            QueryStatistics stats) {
        this.address = address;
        this.context = context;
        this.responses = responses;
        this.byStream = byStream;
        this.errors = errors;
        this.stats = stats;
    }

    /**
     * Starts the call and reads the ingester's listing of streams.
     *
     * @throws StatusRuntimeException when the ingester fails before its listing is complete
     */
    static IngesterAnswer open(
            String address,
            IngesterQuerierGrpc.IngesterQuerierBlockingStub stub,
            QueryRequest request,
            ReadErrors errors,
            QueryStatistics stats) {
        // The call belongs to its own context, so that closing this answer cancels just this call.
        Context.CancellableContext context = Context.current().withCancellation();
        Iterator<QueryResponse> responses;
        try {
            responses = context.call(() -> stub.query(request));
        } catch (Exception e) {
            context.cancel(e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        IngesterAnswer answer = new IngesterAnswer(
                address, context, responses, request.getOrder() == QueryOrder.BY_STREAM, errors, stats);
        try {
            answer.readListing();
        } catch (RuntimeException e) {
            answer.close();
            throw e;
        }
        return answer;
    }

    /** The label texts of the streams this answer may carry. */
    List<String> listed() {
        return listed;
    }

    /** The entries of one listed stream, in the query's direction, read on demand. */
    Iterator<LogEntry> entries(String labelsText) {
        ArrayDeque<LogEntry> queue = queues.computeIfAbsent(labelsText, k -> new ArrayDeque<>());
        int at = positions.getOrDefault(labelsText, Integer.MAX_VALUE);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (queue.isEmpty() && !complete(at)) {
                    readNext();
                }
                return !queue.isEmpty();
            }

            @Override
            public LogEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return queue.poll();
            }
        };
    }

    @Override
    public void close() {
        finished = true;
        context.cancel(null);
    }

    private boolean complete(int streamPosition) {
        return finished || (byStream && position > streamPosition);
    }

    private void readListing() {
        stats.ingestersReached.increment();
        while (responses.hasNext()) {
            QueryResponse response = responses.next();
            stats.ingesterBatches.increment();
            for (String labels : response.getListedStreamsList()) {
                positions.put(labels, listed.size());
                listed.add(labels);
            }
            if (response.getStreamsListed()) {
                return;
            }
        }
        finished = true; // an answer without its listing end: the ingester went away
    }

    private void readNext() {
        try {
            if (!responses.hasNext()) {
                finished = true;
                return;
            }
            QueryResponse response = responses.next();
            stats.ingesterBatches.increment();
            stats.ingesterScannedLines.add(response.getScannedLines());
            stats.ingesterScannedBytes.add(response.getScannedBytes());
            for (StreamAdapter stream : response.getStreamsList()) {
                String labels = stream.getLabels();
                ArrayDeque<LogEntry> queue = queues.computeIfAbsent(labels, k -> new ArrayDeque<>());
                for (EntryAdapter e : stream.getEntriesList()) {
                    queue.add(QuerierLogSource.toEntry(e));
                    stats.ingesterBytes.add(e.getLineBytes().size());
                }
                stats.ingesterLines.add(stream.getEntriesCount());
                position = Math.max(position, positions.getOrDefault(labels, position));
            }
        } catch (StatusRuntimeException e) {
            finished = true;
            context.cancel(e);
            // Other replicas hold the same streams: a failure is tolerated while the replication factor allows.
            log.warn("ingester {} failed while answering: {}", address, e.getStatus());
            errors.failed(e);
        }
    }

    /** The ingester failures a read tolerates: as many as the replication set allows, counted over all answers. */
    static final class ReadErrors {
        private final int maxErrors;
        private int errors;

        ReadErrors(int maxErrors) {
            this.maxErrors = maxErrors;
        }

        /**
         * Counts a failed ingester.
         *
         * @throws LokiHttpException 500 once more ingesters failed than the replication allows
         */
        synchronized void failed(Throwable failure) {
            errors++;
            if (errors > maxErrors) {
                String message = failure instanceof StatusRuntimeException s
                        ? s.getStatus().toString()
                        : String.valueOf(failure);
                throw new LokiHttpException(500, "rpc error: " + message);
            }
        }
    }
}
