package io.skald.querier;

import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import java.util.Iterator;

/** One stream's entries as a {@link LogSource} yields them: ordered, deduplicated, read on demand. */
public record StreamEntries(Labels labels, Iterator<LogEntry> entries) {}
