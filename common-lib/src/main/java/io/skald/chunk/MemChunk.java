package io.skald.chunk;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ingester's open chunk for one stream: entries go to an uncompressed head block, which is sorted and cut into
 * a compressed block once it holds {@code chunk_block_size} bytes. The ingester decides when the chunk is full
 * ({@link #spaceFor}, {@link #utilization()}) and then flushes {@link #encode()}. Not thread-safe.
 */
public final class MemChunk {
    /** Loki's fallback when no target size is set: a chunk holds this many blocks. */
    private static final int BLOCKS_PER_CHUNK = 10;

    private final Labels labels;
    private final Codec codec;
    private final int blockSize;
    private final long targetSize;
    private final List<Block> blocks = new ArrayList<>();
    private final HeadBlock head = new HeadBlock();
    /**
     * Scratch buffers for {@link #cut()}, per thread rather than per chunk: a chunk holding its own (about 1.25 block
     * sizes uncompressed plus one compressed) made every open stream cost over half a MiB of heap, so an ingester ran
     * out of memory at about a thousand streams.
     */
    private static final ThreadLocal<ByteWriter[]> SCRATCH =
            ThreadLocal.withInitial(() -> new ByteWriter[] {new ByteWriter(1 << 16), new ByteWriter(1 << 16)});

    private final ContentFilterSpec filters;
    private long cutCompressedSize;
    private long cutUncompressedSize;
    private long cutLineBytes;
    private long cutEntries;
    /** Time range of the cut blocks, kept here because the ingester asks for it on every append. */
    private long cutMinTime = Long.MAX_VALUE;

    private long cutMaxTime = Long.MIN_VALUE;

    /**
     * @param labels the stream's labels, stored in the chunk header
     * @param blockSize {@code chunk_block_size}: uncompressed head bytes that trigger a block cut
     * @param targetSize {@code chunk_target_size}: compressed bytes at which the chunk is full (0 = 10 blocks)
     */
    public MemChunk(Labels labels, Codec codec, int blockSize, long targetSize) {
        this(labels, codec, blockSize, targetSize, ContentFilterSpec.NONE);
    }

    /**
     * Like {@link #MemChunk(Labels, Codec, int, long)}, with each cut block getting a content filter as {@code
     * filters} says ({@link ContentFilterSpec#NONE}: none, and the chunk encodes in format version 1).
     */
    public MemChunk(Labels labels, Codec codec, int blockSize, long targetSize, ContentFilterSpec filters) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("chunk_block_size must be positive, got " + blockSize);
        }
        if (targetSize < 0) {
            throw new IllegalArgumentException("chunk_target_size must not be negative, got " + targetSize);
        }
        this.labels = labels;
        this.codec = codec;
        this.blockSize = blockSize;
        this.targetSize = targetSize;
        this.filters = filters;
    }

    public Labels labels() {
        return labels;
    }

    public Codec codec() {
        return codec;
    }

    /** Appends an entry in any time order; an exact duplicate of an entry in the head block is dropped. */
    public AppendResult append(long timestampNanos, byte[] line, int offset, int length, Labels metadata) {
        if (!head.append(timestampNanos, line, offset, length, metadata)) {
            return AppendResult.DUPLICATE;
        }
        if (head.size() >= blockSize) {
            cut();
        }
        return AppendResult.APPENDED;
    }

    public AppendResult append(long timestampNanos, byte[] line, Labels metadata) {
        return append(timestampNanos, line, 0, line.length, metadata);
    }

    public AppendResult append(long timestampNanos, String line, Labels metadata) {
        return append(timestampNanos, line.getBytes(StandardCharsets.UTF_8), metadata);
    }

    public AppendResult append(LogEntry entry) {
        return append(entry.timestampNanos(), entry.line(), entry.metadata());
    }

    /** Sorts the head block and compresses it into a new block; a no-op when the head is empty. */
    public void cut() {
        if (head.isEmpty()) {
            return;
        }
        ByteWriter[] scratch = SCRATCH.get();
        ByteWriter payload = scratch[0];
        ByteWriter compressed = scratch[1];
        payload.reset();
        head.writePayload(payload);
        compressed.reset();
        codec.compress(payload.array(), 0, payload.size(), compressed);
        byte[] bytes = compressed.toByteArray();
        ContentFilter filter = null;
        if (filters.enabled()) {
            ContentFilterBuilder builder = ContentFilterBuilder.forThread(filters.bitsPerGram());
            head.addLinesTo(builder);
            byte[] filterBytes = builder.build();
            if (filterBytes != null) {
                filter = ContentFilter.wrap(filterBytes, 0, filterBytes.length);
            }
        }
        blocks.add(new Block(
                codec, head.minTime(), head.maxTime(), head.entries(), payload.size(), bytes, 0, bytes.length, filter));
        cutCompressedSize += bytes.length;
        cutUncompressedSize += payload.size();
        cutLineBytes += head.size();
        cutEntries += head.entries();
        cutMinTime = Math.min(cutMinTime, head.minTime());
        cutMaxTime = Math.max(cutMaxTime, head.maxTime());
        head.reset();
    }

    /** Whether a line of {@code lineBytes} still fits under the target size (Loki's {@code SpaceFor}). */
    public boolean spaceFor(int lineBytes) {
        if (targetSize > 0) {
            return cutCompressedSize + head.size() + lineBytes < targetSize;
        }
        return blocks.size() < BLOCKS_PER_CHUNK;
    }

    /** Fill ratio against the target size, counting the head block uncompressed (can exceed 1). */
    public double utilization() {
        if (targetSize > 0) {
            return (double) compressedSize() / targetSize;
        }
        return (double) uncompressedSize() / ((long) BLOCKS_PER_CHUNK * blockSize);
    }

    /** Compressed bytes of cut blocks plus the head block's uncompressed bytes (an upper bound until cut). */
    public long compressedSize() {
        return cutCompressedSize + head.size();
    }

    /** Uncompressed payload bytes of cut blocks plus the head block's line and metadata bytes. */
    public long uncompressedSize() {
        return cutUncompressedSize + head.size();
    }

    /**
     * Line and structured-metadata bytes appended (duplicates excluded), without the timestamp and offset columns:
     * what Loki reports as a chunk's uncompressed size in {@code /index/stats} and {@code /index/volume}.
     */
    public long lineBytes() {
        return cutLineBytes + head.size();
    }

    public long entries() {
        return cutEntries + head.entries();
    }

    public boolean isEmpty() {
        return entries() == 0;
    }

    /** Number of cut blocks (the head block not included). */
    public int blockCount() {
        return blocks.size();
    }

    /** Smallest timestamp appended, or {@link Long#MAX_VALUE} when empty. */
    public long minTime() {
        return Math.min(cutMinTime, head.minTime());
    }

    /** Largest timestamp appended, or {@link Long#MIN_VALUE} when empty. */
    public long maxTime() {
        return Math.max(cutMaxTime, head.maxTime());
    }

    public ChunkStats stats() {
        return new ChunkStats(entries(), uncompressedSize(), compressedSize(), minTime(), maxTime());
    }

    /** Entries in {@code [from, through)} nanoseconds, including the head block, merged across blocks. */
    public EntryIterator iterator(long from, long through, Direction direction) {
        return new EntryIterator(blocksWithHead(), from, through, direction);
    }

    /**
     * Like {@link #iterator(long, long, Direction)}, leaving out cut blocks whose content filter proves that no line
     * meets {@code query} (the head block has no filter and is always read).
     */
    public EntryIterator iterator(long from, long through, Direction direction, ContentQuery query) {
        return new EntryIterator(blocksWithHead(), from, through, direction, query);
    }

    /** Block views overlapping {@code [from, through)}, the head block last (see {@link Chunk#forEachBlock}). */
    public void forEachBlock(long from, long through, Consumer<BlockView> consumer) {
        ChunkBlocks.forEach(blocksWithHead(), from, through, ContentQuery.ANY, consumer);
    }

    /** Like {@link #forEachBlock(long, long, Consumer)}, skipping blocks whose filter rules out {@code query}. */
    public void forEachBlock(long from, long through, ContentQuery query, Consumer<BlockView> consumer) {
        ChunkBlocks.forEach(blocksWithHead(), from, through, query, consumer);
    }

    /**
     * The cut blocks and a copy of the head block (uncompressed, no content filter), as they are now: the list does
     * not change when this chunk takes more entries, so it can be read without the writer's lock.
     */
    public List<Block> snapshotBlocks() {
        List<Block> all = blocksWithHead();
        return all == blocks ? List.copyOf(blocks) : all;
    }

    /** Cuts the head block and encodes the chunk (format in docs/chunk-format.md). */
    public byte[] encode() {
        cut();
        return ChunkFormat.encode(labels, codec, blocks);
    }

    private List<Block> blocksWithHead() {
        if (head.isEmpty()) {
            return blocks;
        }
        // A snapshot of the head as an uncompressed block, so one merge path serves both.
        ByteWriter snapshot = new ByteWriter((int) Math.min(head.size() * 2 + 64, Integer.MAX_VALUE));
        head.writePayload(snapshot);
        List<Block> all = new ArrayList<>(blocks.size() + 1);
        all.addAll(blocks);
        all.add(new Block(
                Codec.NONE,
                head.minTime(),
                head.maxTime(),
                head.entries(),
                snapshot.size(),
                snapshot.array(),
                0,
                snapshot.size(),
                null));
        return all;
    }
}
