package io.skald.frontend.scheduler;

import io.skald.proto.scheduler.HttpRequest;
import io.skald.proto.scheduler.TaskResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

/**
 * The scheduler tasks of one client request. Cancelling the scope (the client went away, or its time is up) cancels
 * every task still queued or running and refuses new ones, whichever middleware submitted them.
 */
public final class RequestScope {
    private final TaskSubmitter submitter;
    private final Instant deadline;
    private final Map<Long, CompletableFuture<TaskResult>> open = new HashMap<>();
    private long nextTask;
    private boolean cancelled;

    RequestScope(TaskSubmitter submitter, Instant deadline) {
        this.submitter = submitter;
        this.deadline = deadline;
    }

    /** Runs {@code request} for {@code tenant} on a querier, as part of this request. */
    public CompletableFuture<TaskResult> submit(String tenant, HttpRequest request) {
        synchronized (this) {
            if (cancelled) {
                return CompletableFuture.failedFuture(new CancellationException("request cancelled"));
            }
        }
        CompletableFuture<TaskResult> task = submitter.submit(tenant, request, deadline);
        synchronized (this) {
            if (!cancelled) {
                long id = nextTask++;
                open.put(id, task);
                var unused = task.whenComplete((value, error) -> forget(id));
                return task;
            }
        }
        task.cancel(true);
        return task;
    }

    private synchronized void forget(long id) {
        open.remove(id);
    }

    /** Cancels what is still queued or running and refuses further tasks. */
    public void cancel() {
        List<CompletableFuture<TaskResult>> tasks;
        synchronized (this) {
            cancelled = true;
            tasks = List.copyOf(open.values());
            open.clear();
        }
        tasks.forEach(task -> task.cancel(true));
    }

    /** Whether {@link #cancel} was called. */
    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** When the client's request stops waiting. */
    public Instant deadline() {
        return deadline;
    }
}
