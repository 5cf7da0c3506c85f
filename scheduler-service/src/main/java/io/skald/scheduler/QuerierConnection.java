package io.skald.scheduler;

import org.jspecify.annotations.Nullable;

/** A connected querier worker stream: idle, or busy with one submission until it answers. */
public final class QuerierConnection {
    private final String querierId;
    private final QuerierStream stream;
    // Guarded by the scheduler's lock: the task sent and not yet answered (it may have been cancelled since).
    private @Nullable Submission current;
    private boolean connected = true;

    QuerierConnection(String querierId, QuerierStream stream) {
        this.querierId = querierId;
        this.stream = stream;
    }

    /** The id the querier announced. */
    public String querierId() {
        return querierId;
    }

    QuerierStream stream() {
        return stream;
    }

    @Nullable
    Submission current() {
        return current;
    }

    void assign(@Nullable Submission submission) {
        current = submission;
    }

    boolean connected() {
        return connected;
    }

    void disconnected() {
        connected = false;
    }
}
