package io.skald.frontend.split;

import io.skald.logql.result.QueryResult;
import io.skald.server.LokiHttpException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loki's retry middleware: a sub-query that fails with anything but a client error (4xx) is run again, up to
 * {@code max_retries} attempts in all.
 */
public final class RetryingDownstream implements Downstream {
    private final Downstream next;
    private final int maxAttempts;

    public RetryingDownstream(Downstream next, int maxRetries) {
        this.next = next;
        this.maxAttempts = Math.max(1, maxRetries);
    }

    @Override
    public CompletableFuture<QueryResult> run(SubQuery query) {
        CompletableFuture<QueryResult> result = new CompletableFuture<>();
        attempt(query, 1, result);
        return result;
    }

    private void attempt(SubQuery query, int attempt, CompletableFuture<QueryResult> result) {
        CompletableFuture<QueryResult> future;
        try {
            future = next.run(query);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> unused = future.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (attempt < maxAttempts && isRetryable(error) && !result.isDone()) {
                attempt(query, attempt + 1, result);
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    /** Client errors (a bad query, a limit) fail the same way every time; everything else may be transient. */
    static boolean isRetryable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof java.util.concurrent.CancellationException) {
            return false;
        }
        return !(cause instanceof LokiHttpException http && http.status() >= 400 && http.status() < 500);
    }
}
