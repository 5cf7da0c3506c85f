package io.skald.ingester;

import io.skald.labels.Labels;

/**
 * A flushed chunk as the index records it: its stream, time range (nanoseconds, both inclusive), object key, sizes
 * and entry count.
 */
public record ChunkRef(
        String tenant,
        long fingerprint,
        Labels labels,
        long fromNanos,
        long throughNanos,
        String key,
        long compressedBytes,
        long uncompressedBytes,
        long entries) {}
