package io.skald.scheduler;

import io.grpc.Status;
import io.skald.proto.scheduler.TaskResult;

/** The frontend's end of one submitted task; the scheduler calls exactly one method, once. */
public interface FrontendCall {
    /** The querier's answer. */
    void succeed(TaskResult result);

    /** The task will not run, or its querier went away. */
    void fail(Status status);
}
