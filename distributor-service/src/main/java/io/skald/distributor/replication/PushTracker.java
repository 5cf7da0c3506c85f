package io.skald.distributor.replication;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counts replica answers per stream, as Loki's push tracker: the push succeeds once every stream has {@code minSuccess}
 * acknowledgements, and fails as soon as one stream has more failures than it may have, with the error that tipped it.
 * Thread-safe: answers arrive on gRPC threads.
 */
final class PushTracker {
    private final int[] minSuccess;
    private final int[] maxFailures;
    private final AtomicIntegerArray succeeded;
    private final AtomicIntegerArray failed;
    private final AtomicInteger pending;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /**
     * @param minSuccess per stream, the acknowledgements it needs
     * @param maxFailures per stream, the failures it may have
     */
    PushTracker(int[] minSuccess, int[] maxFailures) {
        if (minSuccess.length != maxFailures.length) {
            throw new IllegalArgumentException("one minSuccess and one maxFailures per stream");
        }
        this.minSuccess = minSuccess.clone();
        this.maxFailures = maxFailures.clone();
        this.succeeded = new AtomicIntegerArray(minSuccess.length);
        this.failed = new AtomicIntegerArray(minSuccess.length);
        int waiting = 0;
        for (int required : minSuccess) {
            if (required > 0) {
                waiting++;
            }
        }
        this.pending = new AtomicInteger(waiting);
        if (waiting == 0) {
            done.complete(null);
        }
    }

    /** One replica acknowledged {@code streams}. */
    void succeeded(int[] streams) {
        for (int stream : streams) {
            if (succeeded.incrementAndGet(stream) == minSuccess[stream] && pending.decrementAndGet() == 0) {
                done.complete(null);
            }
        }
    }

    /** One replica failed {@code streams} with {@code error}. */
    void failed(int[] streams, IngesterPushException error) {
        for (int stream : streams) {
            if (failed.incrementAndGet(stream) == maxFailures[stream] + 1) {
                done.completeExceptionally(error);
            }
        }
    }

    /** Completes when the push is decided. */
    CompletableFuture<Void> done() {
        return done;
    }
}
