package io.skald.wal;

import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import java.util.List;

/** One WAL record: a stream's identity, or a batch of its entries. */
public sealed interface WalRecord {
    String tenant();

    /** The stream's fingerprint ({@link Labels#hash()} unless the ingester resolves collisions differently). */
    long fingerprint();

    /** Declares a stream so later entries records can refer to it by fingerprint. */
    record Series(String tenant, long fingerprint, Labels labels) implements WalRecord {}

    /** Entries appended to one stream, in push order. */
    record Entries(String tenant, long fingerprint, List<LogEntry> entries) implements WalRecord {
        public Entries {
            entries = List.copyOf(entries);
        }
    }
}
