package io.skald.chunk;

import io.skald.labels.Labels;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** An immutable, decoded chunk: the stream's labels, codec, block index and stats over the encoded bytes. */
public final class Chunk {
    private final Labels labels;
    private final Codec codec;
    private final List<Block> blocks;
    private final ChunkStats stats;

    Chunk(Labels labels, Codec codec, List<Block> blocks, ChunkStats stats) {
        this.labels = labels;
        this.codec = codec;
        this.blocks = blocks;
        this.stats = stats;
    }

    /**
     * Parses encoded chunk bytes, verifying the header and every block CRC32C; blocks are decompressed lazily and
     * keep referring to {@code bytes}, which must not change afterwards.
     *
     * @throws CorruptChunkException when the bytes are not a valid chunk
     */
    public static Chunk decode(byte[] bytes) {
        return ChunkFormat.decode(bytes);
    }

    /** SHA-256 of encoded chunk bytes as lowercase hex: the object name, so identical replicas dedupe. */
    public static String contentHash(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** The stream's labels as stored in the header (empty when the writer did not record them). */
    public Labels labels() {
        return labels;
    }

    public Codec codec() {
        return codec;
    }

    public List<Block> blocks() {
        return blocks;
    }

    public ChunkStats stats() {
        return stats;
    }

    /** Entries with timestamps in {@code [from, through)} nanoseconds, merged across blocks. */
    public EntryIterator iterator(long from, long through, Direction direction) {
        return new EntryIterator(blocks, from, through, direction);
    }

    /**
     * Decodes each block overlapping {@code [from, through)} into one reused view, in block order (blocks may overlap
     * in time, so this is not a merged order); for scans such as line filters.
     */
    public void forEachBlock(long from, long through, Consumer<BlockView> consumer) {
        ChunkBlocks.forEach(blocks, from, through, ContentQuery.ANY, consumer);
    }

    /**
     * Like {@link #forEachBlock(long, long, Consumer)}, skipping without decompressing the blocks whose content filter
     * proves that no line meets {@code query}.
     */
    public void forEachBlock(long from, long through, ContentQuery query, Consumer<BlockView> consumer) {
        ChunkBlocks.forEach(blocks, from, through, query, consumer);
    }

    /**
     * Like {@link #iterator(long, long, Direction)}, leaving out the blocks whose content filter proves that no line
     * meets {@code query}: every entry whose line meets it is still returned, others may be missing.
     */
    public EntryIterator iterator(long from, long through, Direction direction, ContentQuery query) {
        return new EntryIterator(blocks, from, through, direction, query);
    }

    /** Whether any block of this chunk carries a content filter (format version 2). */
    public boolean hasContentFilters() {
        for (Block block : blocks) {
            if (block.contentFilter() != null) {
                return true;
            }
        }
        return false;
    }
}
