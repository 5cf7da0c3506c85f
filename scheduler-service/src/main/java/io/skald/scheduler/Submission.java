package io.skald.scheduler;

import io.skald.proto.scheduler.QueryTask;
import org.jspecify.annotations.Nullable;

/** One submitted task while the scheduler tracks it: queued, then running on a querier, then done. */
public final class Submission {
    /** Where a submission is. */
    enum State {
        QUEUED,
        RUNNING,
        DONE
    }

    private final QueryTask task;
    private final FrontendCall call;
    private final long enqueuedNanos;
    // Guarded by the scheduler's lock.
    private State state = State.QUEUED;
    private @Nullable QuerierConnection querier;

    Submission(QueryTask task, FrontendCall call, long enqueuedNanos) {
        this.task = task;
        this.call = call;
        this.enqueuedNanos = enqueuedNanos;
    }

    /** The task as submitted. */
    public QueryTask task() {
        return task;
    }

    FrontendCall call() {
        return call;
    }

    long enqueuedNanos() {
        return enqueuedNanos;
    }

    State state() {
        return state;
    }

    @Nullable
    QuerierConnection querier() {
        return querier;
    }

    void running(QuerierConnection on) {
        state = State.RUNNING;
        querier = on;
    }

    void done() {
        state = State.DONE;
    }
}
