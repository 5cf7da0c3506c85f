package io.skald.ingester;

import io.skald.chunk.Chunk;
import io.skald.chunk.ChunkStats;

/**
 * A chunk no longer appended to: its encoded bytes (what is flushed), the decoded view over them (what queries read)
 * and its flush state. The bytes never change; the flush state is guarded by the owning stream's lock.
 */
final class ClosedChunk {
    private final byte[] encoded;
    private final Chunk chunk;
    private final ChunkStats stats;
    private final FlushReason reason;
    private final long lineBytes;
    private boolean queued;
    private long flushedAtMillis;

    ClosedChunk(byte[] encoded, long lineBytes, FlushReason reason) {
        this.encoded = encoded;
        this.lineBytes = lineBytes;
        this.chunk = Chunk.decode(encoded);
        this.stats = chunk.stats();
        this.reason = reason;
    }

    byte[] encoded() {
        return encoded;
    }

    Chunk chunk() {
        return chunk;
    }

    ChunkStats stats() {
        return stats;
    }

    FlushReason reason() {
        return reason;
    }

    boolean queued() {
        return queued;
    }

    void queued(boolean value) {
        queued = value;
    }

    boolean flushed() {
        return flushedAtMillis > 0;
    }

    long flushedAtMillis() {
        return flushedAtMillis;
    }

    void flushedAt(long millis) {
        flushedAtMillis = Math.max(1, millis);
        queued = false;
    }

    /** Line and metadata bytes, Loki's uncompressed chunk size for index stats and volume. */
    long lineBytes() {
        return lineBytes;
    }
}
