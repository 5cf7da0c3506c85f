package io.skald.ingester;

import java.util.List;

/**
 * Receives the refs of chunks once they are durably in the object store, so they can be written to index files.
 * Implementations must be thread-safe: flush workers call {@link #accept} concurrently.
 */
public interface ChunkRefSink {
    /** Records a flushed chunk; must not block for long (flush workers wait on it). */
    void accept(ChunkRef ref);

    /** Writes out what was recorded so far (e.g. uploads index files); called periodically and on shutdown. */
    default void sync() {}

    /** Refs recorded and not yet written out, for tests and {@code /flush}; empty by default. */
    default List<ChunkRef> pending() {
        return List.of();
    }
}
