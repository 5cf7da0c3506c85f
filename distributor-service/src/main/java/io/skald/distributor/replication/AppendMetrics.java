package io.skald.distributor.replication;

/** Where the replicator reports each batched push: Loki's {@code loki_distributor_ingester_append*} counters. */
public interface AppendMetrics {
    /** One push to {@code ingester} was acknowledged. */
    void appended(String ingester);

    /** One push to {@code ingester} failed. */
    void appendFailed(String ingester);
}
