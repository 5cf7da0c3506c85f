package io.skald.frontend.scheduler;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.TaskResult;
import io.skald.scheduler.client.SchedulerClient;
import io.skald.server.LokiHttpException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits sub-queries to the query-scheduler for one frontend, at most {@code frontend.max_outstanding_per_tenant} of a
 * tenant at a time, and turns scheduler failures into Loki's HTTP errors: a full queue (here or in the scheduler) is
 * 429 {@code too many outstanding requests}, a passed deadline 504, no scheduler 503.
 */
public final class TaskSubmitter implements AutoCloseable {
    /** Loki's text for a full tenant queue. */
    public static final String TOO_MANY_OUTSTANDING = "too many outstanding requests";
    /** Loki's text for a query that ran out of time. */
    public static final String TIMED_OUT = "request timed out, decrease the duration of the request or add more label"
            + " matchers (prefer exact match over regex match) to reduce the amount of data processed";

    private final SchedulerClient client;
    private final int maxOutstandingPerTenant;
    private final Map<String, AtomicInteger> outstanding = new ConcurrentHashMap<>();

    public TaskSubmitter(SchedulerClient client, int maxOutstandingPerTenant) {
        this.client = client;
        this.maxOutstandingPerTenant = Math.max(1, maxOutstandingPerTenant);
    }

    /** A new scope for one client request: what it submits is cancelled together. */
    public RequestScope scope(Instant deadline) {
        return new RequestScope(this, deadline);
    }

    /**
     * Runs {@code request} for {@code tenant} on a querier. The future fails with {@link LokiHttpException} for
     * scheduler errors; cancelling it cancels the task.
     */
    CompletableFuture<TaskResult> submit(String tenant, HttpRequest request, Instant deadline) {
        AtomicInteger count = outstanding.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (count.incrementAndGet() > maxOutstandingPerTenant) {
            count.decrementAndGet();
            return CompletableFuture.failedFuture(new LokiHttpException(429, TOO_MANY_OUTSTANDING));
        }
        CompletableFuture<TaskResult> call;
        try {
            call = client.submit(tenant, request, deadline);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<TaskResult> sent = call;
        CompletableFuture<TaskResult> result = new CompletableFuture<>();
        var unused = sent.whenComplete((value, error) -> {
            count.decrementAndGet();
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(translate(error));
            }
        });
        var unusedCancel = result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                sent.cancel(true);
            }
        });
        return result;
    }

    /** Sub-queries of {@code tenant} this frontend has submitted and not yet seen answered. */
    public int outstanding(String tenant) {
        AtomicInteger count = outstanding.get(tenant);
        return count == null ? 0 : count.get();
    }

    static Throwable translate(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException || cause instanceof LokiHttpException) {
            return cause;
        }
        if (cause instanceof StatusRuntimeException e) {
            Status status = e.getStatus();
            String description =
                    status.getDescription() == null ? status.getCode().name() : status.getDescription();
            return switch (status.getCode()) {
                case RESOURCE_EXHAUSTED -> new LokiHttpException(429, TOO_MANY_OUTSTANDING);
                case DEADLINE_EXCEEDED -> new LokiHttpException(504, TIMED_OUT);
                case CANCELLED -> new CancellationException(description);
                case UNAVAILABLE -> new LokiHttpException(503, "query-scheduler unavailable: " + description);
                default -> new LokiHttpException(500, description);
            };
        }
        return cause;
    }

    @Override
    public void close() {
        client.close();
    }
}
