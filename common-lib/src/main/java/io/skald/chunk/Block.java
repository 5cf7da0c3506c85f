package io.skald.chunk;

import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * One cut block: its compressed bytes (a slice, possibly of a whole encoded chunk), its index entry and, when the
 * chunk was written with them, its {@link ContentFilter}.
 */
public final class Block {
    private final Codec codec;
    private final long minTime;
    private final long maxTime;
    private final int entries;
    private final int uncompressedSize;
    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final @Nullable ContentFilter filter;

    Block(
            Codec codec,
            long minTime,
            long maxTime,
            int entries,
            int uncompressedSize,
            byte[] bytes,
            int offset,
            int length,
            @Nullable ContentFilter filter) {
        this.codec = codec;
        this.filter = filter;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.entries = entries;
        this.uncompressedSize = uncompressedSize;
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    public Codec codec() {
        return codec;
    }

    /** Smallest timestamp in the block (nanoseconds). */
    public long minTime() {
        return minTime;
    }

    /** Largest timestamp in the block (nanoseconds, inclusive). */
    public long maxTime() {
        return maxTime;
    }

    public int entries() {
        return entries;
    }

    /** Size of the uncompressed payload (columns, lines and metadata). */
    public int uncompressedSize() {
        return uncompressedSize;
    }

    public int compressedSize() {
        return length;
    }

    /** The block's content filter, or null when the chunk has none (format version 1, or the head block). */
    public @Nullable ContentFilter contentFilter() {
        return filter;
    }

    /** False when the block's content filter proves that no line meets {@code query}; true without a filter. */
    public boolean mayMatch(ContentQuery query) {
        return query.mayMatch(filter);
    }

    /** Whether the block may hold entries in {@code [from, through)}. */
    public boolean overlaps(long from, long through) {
        return maxTime >= from && minTime < through;
    }

    /** Decompresses into {@code view}'s reusable buffers and returns it. */
    public BlockView decode(BlockView view) {
        byte[] target = view.dataBuffer(uncompressedSize);
        codec.decompress(bytes, offset, length, target, 0, uncompressedSize);
        view.parse(uncompressedSize);
        if (view.entries() != entries) {
            throw new CorruptChunkException("block holds " + view.entries() + " entries, index says " + entries);
        }
        return view;
    }

    int crc() {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    void writeTo(ByteWriter out) {
        out.writeBytes(bytes, offset, length);
    }
}
