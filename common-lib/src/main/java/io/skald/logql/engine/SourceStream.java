package io.skald.logql.engine;

import io.skald.labels.Labels;

/** One selected stream: its labels and a cursor over its entries (deduplicated, in the requested direction). */
public interface SourceStream {

    /** The stream's labels. */
    Labels labels();

    /** The stream's entries; called once per stream. */
    EntryCursor entries();
}
