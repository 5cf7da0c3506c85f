package io.skald.ingester;

import java.util.Locale;

/** Why a chunk was closed and flushed, Loki's {@code reason} label of {@code loki_ingester_chunks_flushed_total}. */
public enum FlushReason {
    /** The chunk reached {@code chunk_target_size}. */
    FULL,
    /** No entry arrived for {@code chunk_idle_period}. */
    IDLE,
    /** The chunk spans more than {@code max_chunk_age}. */
    MAX_AGE,
    /** A flush was requested: {@code /flush}, shutdown, or the WAL replay memory ceiling. */
    FORCED;

    /** The metric label value: {@code full}, {@code idle}, {@code max_age}, {@code forced}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
