package io.skald.scheduler.client;

import io.skald.proto.scheduler.QueryTask;
import io.skald.proto.scheduler.TaskResult;

/**
 * Runs one task for a {@link SchedulerWorker}. It is called concurrently from the worker's loops, so it must be
 * thread-safe; it is interrupted when the scheduler cancels the task (the frontend went away or the deadline passed).
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * The HTTP-like answer to the task's request. An exception becomes a 500 result carrying its message; the
     * worker fills in the query id.
     */
    TaskResult handle(QueryTask task) throws Exception;
}
