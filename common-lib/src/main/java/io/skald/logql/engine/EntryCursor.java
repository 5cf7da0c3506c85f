package io.skald.logql.engine;

import io.skald.labels.Labels;

/**
 * A cursor over the entries of one stream. After {@link #next()} returns true the accessors describe the current
 * entry; the line array may be reused by the cursor after the following {@code next()}, so callers copy what they
 * keep.
 */
public interface EntryCursor {

    /** Advances to the next entry; false at the end. */
    boolean next();

    /** Unix time of the current entry in nanoseconds. */
    long timestampNanos();

    /** The current line as UTF-8; not to be modified. */
    byte[] line();

    /** The current entry's structured metadata (empty when none). */
    Labels structuredMetadata();
}
