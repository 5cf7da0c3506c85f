package io.skald.scheduler;

import io.skald.proto.scheduler.QueryTask;

/** The scheduler's end of one querier worker's stream. Calls are serialized by the scheduler. */
public interface QuerierStream {
    /** Hands the querier its next task; it is idle when this is called. */
    void send(QueryTask task);

    /** Asks the querier to abandon the task it runs; it still answers it. */
    void cancel(String queryId);

    /** Ends the stream: the scheduler is shutting down. */
    void close();
}
