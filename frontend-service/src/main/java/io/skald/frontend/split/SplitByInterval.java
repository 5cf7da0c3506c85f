package io.skald.frontend.split;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.chunk.Direction;
import io.skald.logql.result.QueryResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Loki's split-by-interval middleware: runs the splits of a query through {@code next} with at most
 * {@code maxParallelism} in flight and merges them. Log queries run in direction order (newest split first for
 * backward queries) and stop scheduling once the splits answered so far, taken in order, hold {@code limit} entries.
 */
public final class SplitByInterval implements Downstream {
    /** Exposed as {@code loki_query_frontend_split_queries_total}: sub-queries created by splitting. */
    public static final String SPLIT_QUERIES = "loki.query.frontend.split.queries";

    private final Downstream next;
    private final Duration interval;
    private final int maxParallelism;
    private final Counter splitQueries;

    public SplitByInterval(Downstream next, Duration interval, int maxParallelism, MeterRegistry registry) {
        this.next = next;
        this.interval = interval;
        this.maxParallelism = Math.max(1, maxParallelism);
        this.splitQueries = Counter.builder(SPLIT_QUERIES)
                .description("Total number of underlying query requests after the split by interval is applied")
                .register(registry);
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery query) {
        List<RangeQuery> parts = new ArrayList<>(IntervalSplitter.split(query.query(), interval));
        if (query.query().isLogQuery() && query.query().direction() == Direction.BACKWARD) {
            Collections.reverse(parts);
        }
        splitQueries.increment(parts.size());
        return new Run(query, parts).start();
    }

    /** One split query in progress; all state is guarded by {@code this}. */
    private final class Run {
        private final SubQuery query;
        private final List<RangeQuery> parts;
        private final QueryResult[] results;
        private final List<CompletableFuture<QueryResult>> started = new ArrayList<>();
        private final CompletableFuture<QueryResult> done = new CompletableFuture<>();
        private int nextToStart;
        private int inFlight;
        private int answeredPrefix;
        private int entriesInPrefix;
        private final ArrayDeque<Launch> pending = new ArrayDeque<>();
        private boolean draining;

        Run(SubQuery query, List<RangeQuery> parts) {
            this.query = query;
            this.parts = parts;
            this.results = new QueryResult[parts.size()];
        }

        CompletableFuture<QueryResult> start() {
            // A caller that gives up (client gone, timeout) cancels the parts still running or waiting.
            CompletableFuture<?> unused = done.whenComplete((result, error) -> {
                if (done.isCancelled()) {
                    synchronized (this) {
                        cancelOutstanding();
                    }
                }
            });
            List<Launch> launches;
            synchronized (this) {
                launches = schedule();
            }
            launch(launches);
            return done;
        }

        /** Picks the parts to start now; the caller starts them outside the lock. */
        private List<Launch> schedule() {
            List<Launch> launches = new ArrayList<>();
            while (!done.isDone() && inFlight < maxParallelism && nextToStart < parts.size()) {
                launches.add(new Launch(nextToStart++));
                inFlight++;
            }
            return launches;
        }

        private void onResult(int index, QueryResult result) {
            List<Launch> launches;
            synchronized (this) {
                inFlight--;
                if (done.isDone()) {
                    return;
                }
                results[index] = result;
                while (answeredPrefix < parts.size() && results[answeredPrefix] != null) {
                    if (results[answeredPrefix] instanceof QueryResult.Streams streams) {
                        entriesInPrefix += StreamsMerge.entryCount(streams);
                    }
                    answeredPrefix++;
                }
                boolean limitReached = query.query().isLogQuery()
                        && entriesInPrefix >= query.query().limit();
                if (answeredPrefix == parts.size() || limitReached) {
                    finish();
                    return;
                }
                launches = schedule();
            }
            launch(launches);
        }

        /**
         * Starts parts outside the lock, one thread at a time: a part answered synchronously (a cache hit) schedules
         * the next from inside {@code go}, which only queues it here, so the stack stays flat however many parts.
         */
        private void launch(List<Launch> launches) {
            synchronized (this) {
                pending.addAll(launches);
                if (draining) {
                    return;
                }
                draining = true;
            }
            while (true) {
                Launch next;
                synchronized (this) {
                    next = pending.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                next.go();
            }
        }

        private void onFailure(Throwable error) {
            synchronized (this) {
                inFlight--;
                if (done.isDone()) {
                    return;
                }
                done.completeExceptionally(error);
                cancelOutstanding();
            }
        }

        private void finish() {
            List<QueryResult> answered = new ArrayList<>(answeredPrefix);
            for (int i = 0; i < answeredPrefix; i++) {
                answered.add(results[i]);
            }
            try {
                done.complete(merge(query.query(), answered));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
            // After completing: cancelling runs the parts' callbacks, which must find the run already done.
            cancelOutstanding();
        }

        private void cancelOutstanding() {
            for (CompletableFuture<QueryResult> f : started) {
                f.cancel(false);
            }
        }

        /** Starting one part. */
        private final class Launch {
            private final int index;

            Launch(int index) {
                this.index = index;
            }

            void go() {
                CompletableFuture<QueryResult> future;
                try {
                    future = next.run(query.withQuery(parts.get(index)));
                } catch (RuntimeException e) {
                    future = CompletableFuture.failedFuture(e);
                }
                synchronized (Run.this) {
                    started.add(future);
                }
                CompletableFuture<?> unused = future.whenComplete((result, error) -> {
                    if (error != null) {
                        onFailure(error);
                    } else {
                        onResult(index, result);
                    }
                });
            }
        }
    }

    /** Merges the results of parts given in the order they were run. */
    static QueryResult merge(RangeQuery query, List<QueryResult> parts) {
        if (query.isLogQuery()) {
            List<QueryResult.Streams> streams = new ArrayList<>(parts.size());
            for (QueryResult part : parts) {
                streams.add(expect(QueryResult.Streams.class, part));
            }
            return StreamsMerge.merge(streams, query.direction(), query.limit());
        }
        List<QueryResult.Matrix> matrices = new ArrayList<>(parts.size());
        for (QueryResult part : parts) {
            matrices.add(expect(QueryResult.Matrix.class, part));
        }
        return MatrixMerge.merge(matrices);
    }

    private static <T extends QueryResult> T expect(Class<T> type, QueryResult result) {
        if (!type.isInstance(result)) {
            throw new IllegalStateException(
                    "downstream answered " + result.getClass().getSimpleName() + ", expected " + type.getSimpleName());
        }
        return type.cast(result);
    }
}
