package io.skald.index;

import java.util.Objects;

/**
 * A parsed index object key. {@code producer} is the uploading ingester's id, or {@link IndexKeys#COMPACTED} for
 * a compactor output; {@code fromNanos} is the upload's (or compaction's) start time and {@code sequence} orders
 * files from the same producer and time.
 */
public record IndexKey(String table, String tenant, String producer, long fromNanos, long sequence) {
    public IndexKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(producer, "producer");
    }

    public boolean compacted() {
        return producer.equals(IndexKeys.COMPACTED);
    }

    /** The object key this describes. */
    public String toKey() {
        return IndexKeys.tenantPrefix(table, tenant) + producer + "-" + fromNanos + "-" + sequence + IndexKeys.SUFFIX;
    }
}
