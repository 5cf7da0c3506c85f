package io.skald.ingester;

import io.skald.index.ChunkRef;
import io.skald.labels.Labels;

/**
 * Receives the refs of chunks once they are durably in the object store, so they reach index files. Implementations
 * must be thread-safe: flush workers call {@link #accept} concurrently.
 */
public interface ChunkRefSink {
    /** Records a flushed chunk of the stream {@code labels}; must not block for long (flush workers wait on it). */
    void accept(Labels labels, ChunkRef ref);

    /** Writes out what was recorded so far (uploads index files); called periodically and after forced flushes. */
    void sync();
}
