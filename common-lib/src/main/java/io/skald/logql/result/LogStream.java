package io.skald.logql.result;

import io.skald.labels.Labels;
import java.util.List;

/** A stream in a log query result: its labels (stream labels plus any added by the pipeline) and entries in order. */
public record LogStream(Labels labels, List<LogEntry> entries) {}
