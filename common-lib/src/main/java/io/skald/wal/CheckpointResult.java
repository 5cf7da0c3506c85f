package io.skald.wal;

/** A written checkpoint: it covers segments up to {@code segment}; {@code deletedFiles} were removed after it. */
public record CheckpointResult(long segment, long records, long bytes, int deletedFiles, long durationNanos) {}
