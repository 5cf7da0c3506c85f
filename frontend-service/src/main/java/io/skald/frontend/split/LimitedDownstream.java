package io.skald.frontend.split;

import io.skald.logql.result.QueryResult;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Loki's {@code max_query_parallelism}: at most {@code maxInFlight} sub-queries of one request run downstream at a
 * time, whatever splitting and sharding made of it; the others wait in arrival order. Create one per request.
 */
public final class LimitedDownstream implements Downstream {
    private final Downstream next;
    private final int maxInFlight;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;
    private final ArrayDeque<Waiting> ready = new ArrayDeque<>();
    private boolean draining;

    public LimitedDownstream(Downstream next, int maxInFlight) {
        this.next = next;
        this.maxInFlight = Math.max(1, maxInFlight);
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery query) {
        Waiting w = new Waiting(query, new CompletableFuture<>());
        boolean startNow;
        synchronized (this) {
            startNow = inFlight < maxInFlight;
            if (startNow) {
                inFlight++;
            } else {
                waiting.add(w);
            }
        }
        if (startNow) {
            start(w);
        }
        return w.result;
    }

    /**
     * Runs {@code w}, one thread at a time through a queue: a sub-query answered synchronously releases its slot to
     * the next from inside this call, which only queues it, so the stack stays flat however many wait.
     */
    private void start(Waiting w) {
        synchronized (this) {
            ready.add(w);
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Waiting next;
            synchronized (this) {
                next = ready.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            runNow(next);
        }
    }

    private void runNow(Waiting w) {
        if (w.result.isDone()) {
            // Cancelled while waiting: free the slot without running it.
            release();
            return;
        }
        CompletableFuture<QueryResult> future;
        try {
            future = next.run(w.query);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = future.whenComplete((value, error) -> {
            release();
            if (error != null) {
                w.result.completeExceptionally(error);
            } else {
                w.result.complete(value);
            }
        });
    }

    private void release() {
        Waiting nextUp;
        synchronized (this) {
            nextUp = waiting.poll();
            if (nextUp == null) {
                inFlight--;
                return;
            }
        }
        start(nextUp);
    }

    private record Waiting(SubQuery query, CompletableFuture<QueryResult> result) {}
}
