package io.skald.ingester;

import io.skald.chunk.Codec;
import io.skald.chunk.ContentFilterSpec;
import io.skald.config.IngesterConfig;
import java.time.Duration;

/**
 * How streams cut chunks, from {@code ingester:}: codec, block and target sizes, idle period, age, retention and the
 * per-block content filter.
 */
public record ChunkSettings(
        Codec codec,
        int blockSize,
        long targetSize,
        Duration idlePeriod,
        Duration maxChunkAge,
        Duration retainPeriod,
        ContentFilterSpec contentFilter) {

    /** Settings without content filters (chunk format version 1). */
    public ChunkSettings(
            Codec codec,
            int blockSize,
            long targetSize,
            Duration idlePeriod,
            Duration maxChunkAge,
            Duration retainPeriod) {
        this(codec, blockSize, targetSize, idlePeriod, maxChunkAge, retainPeriod, ContentFilterSpec.NONE);
    }

    public static ChunkSettings from(IngesterConfig.Chunks chunks) {
        return new ChunkSettings(
                Codec.fromName(chunks.encoding()),
                chunks.blockSize(),
                chunks.targetSize(),
                chunks.idlePeriod(),
                chunks.maxChunkAge(),
                chunks.retainPeriod(),
                new ContentFilterSpec(chunks.contentFilterBits()));
    }

    /** How far behind a stream's newest entry an entry may be: half of {@code max_chunk_age}, as Loki. */
    public long outOfOrderWindowNanos() {
        return maxChunkAge.toNanos() / 2;
    }
}
