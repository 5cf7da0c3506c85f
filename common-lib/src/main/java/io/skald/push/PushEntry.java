package io.skald.push;

import java.util.List;

/** One log line: timestamp in Unix nanoseconds, the line, and its structured metadata in the order sent. */
public record PushEntry(long timestampNanos, String line, List<MetadataPair> structuredMetadata) {
    public PushEntry {
        structuredMetadata = List.copyOf(structuredMetadata);
    }

    public PushEntry(long timestampNanos, String line) {
        this(timestampNanos, line, List.of());
    }

    /** Bytes of the line in UTF-8, which is what Loki's size limits count. */
    public int lineBytes() {
        return Utf8.length(line);
    }

    /** Bytes of structured metadata names and values in UTF-8. */
    public int structuredMetadataBytes() {
        // Indexed, not for-each: most entries have none, and the immutable list's iterator was not scalar-replaced
        // (5 % of the distributor's CPU for the metrics' count of every received entry).
        int n = 0;
        for (int i = 0; i < structuredMetadata.size(); i++) {
            MetadataPair pair = structuredMetadata.get(i);
            n += Utf8.length(pair.name()) + Utf8.length(pair.value());
        }
        return n;
    }

    /** Line plus structured metadata bytes: Loki's {@code EntryTotalSize}, used for discarded-bytes accounting. */
    public long totalBytes() {
        return (long) lineBytes() + structuredMetadataBytes();
    }
}
