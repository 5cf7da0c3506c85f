package io.skald.chunk;

/**
 * Size and time range of a chunk. {@code from}/{@code through} are the smallest and largest entry timestamps in
 * nanoseconds (both inclusive; {@code through < from} when empty).
 */
public record ChunkStats(long entries, long uncompressedBytes, long compressedBytes, long from, long through) {}
