package io.skald.logql.result;

import io.skald.labels.Labels;

/**
 * One log line in a query result. Structured metadata and parsed labels are kept apart because Loki's
 * {@code categorize-labels} encoding returns them separately; without it they are merged into the stream labels.
 */
public record LogEntry(long timestampNanos, String line, Labels structuredMetadata, Labels parsed) {
    public LogEntry(long timestampNanos, String line) {
        this(timestampNanos, line, Labels.EMPTY, Labels.EMPTY);
    }
}
