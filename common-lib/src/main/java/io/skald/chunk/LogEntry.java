package io.skald.chunk;

import io.skald.labels.Labels;

/** One log entry: timestamp in nanoseconds, the line, and its structured metadata (may be empty). */
public record LogEntry(long timestampNanos, String line, Labels metadata) {
    public LogEntry(long timestampNanos, String line) {
        this(timestampNanos, line, Labels.EMPTY);
    }
}
