package io.skald.chunk;

/**
 * Size and time range of a chunk. {@code from}/{@code through} are the smallest and largest entry timestamps in
 * nanoseconds, both inclusive; they carry no meaning when {@code entries == 0}. For a {@link MemChunk},
 * {@code compressedBytes} counts the head block uncompressed; for a decoded {@link Chunk} it is the blocks' bytes
 * including their CRCs.
 */
public record ChunkStats(long entries, long uncompressedBytes, long compressedBytes, long from, long through) {}
