package io.skald.chunk;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** Encodes and decodes the chunk byte format documented in docs/chunk-format.md. */
final class ChunkFormat {
    /** "SKCH". */
    static final int MAGIC = 0x534B4348;

    /** Blocks without content filters: what every writer produced before filters existed. */
    static final int VERSION = 1;

    /** Each block index entry also has a content filter size, and a block's filter follows its bytes. */
    static final int VERSION_FILTERS = 2;

    /** Magic, version, codec, header length. */
    private static final int PREAMBLE = 4 + 1 + 1 + 4;

    private ChunkFormat() {}

    static byte[] encode(Labels labels, Codec codec, List<Block> blocks) {
        ByteWriter header = new ByteWriter(128 + blocks.size() * 24);
        header.writeLabels(labels);
        long from = Long.MAX_VALUE;
        long through = Long.MIN_VALUE;
        long entries = 0;
        long uncompressed = 0;
        long compressed = 0;
        long filterBytes = 0;
        boolean filters = false;
        for (Block block : blocks) {
            ContentFilter filter = block.contentFilter();
            if (filter != null) {
                filters = true;
                filterBytes += filter.sizeBytes() + 4;
            }
            from = Math.min(from, block.minTime());
            through = Math.max(through, block.maxTime());
            entries += block.entries();
            uncompressed += block.uncompressedSize();
            compressed += block.compressedSize() + 4;
        }
        if (blocks.isEmpty()) {
            from = 0;
            through = 0;
        }
        header.writeVarint(from);
        header.writeUvarint(through - from);
        header.writeUvarint(entries);
        header.writeUvarint(uncompressed);
        header.writeUvarint(blocks.size());
        for (Block block : blocks) {
            header.writeVarint(block.minTime());
            header.writeUvarint(block.maxTime() - block.minTime());
            header.writeUvarint(block.entries());
            header.writeUvarint(block.uncompressedSize());
            header.writeUvarint(block.compressedSize());
            if (filters) {
                ContentFilter filter = block.contentFilter();
                header.writeUvarint(filter == null ? 0 : filter.sizeBytes());
            }
        }
        long total = PREAMBLE + header.size() + 4L + compressed + filterBytes;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("chunk of " + total + " bytes is too large to encode");
        }
        ByteWriter out = new ByteWriter((int) total);
        out.writeInt(MAGIC);
        out.writeByte(filters ? VERSION_FILTERS : VERSION);
        out.writeByte(codec.id());
        out.writeInt(header.size());
        out.writeBytes(header.array(), 0, header.size());
        out.writeInt(crc(out.array(), 0, out.size()));
        for (Block block : blocks) {
            block.writeTo(out);
            out.writeInt(block.crc());
            ContentFilter filter = block.contentFilter();
            if (filter != null) {
                filter.writeTo(out);
                out.writeInt(filter.crc());
            }
        }
        return out.toByteArray();
    }

    static Chunk decode(byte[] bytes) {
        if (bytes.length < PREAMBLE + 4) {
            throw new CorruptChunkException("chunk of " + bytes.length + " bytes is shorter than its header");
        }
        ByteReader reader = new ByteReader(bytes);
        int magic = reader.readInt();
        if (magic != MAGIC) {
            throw new CorruptChunkException(String.format("not a chunk: magic 0x%08x", magic));
        }
        int version = reader.readByte();
        if (version != VERSION && version != VERSION_FILTERS) {
            throw new CorruptChunkException("unsupported chunk format version " + version);
        }
        Codec codec = Codec.fromId(reader.readByte());
        int headerLength = reader.readInt();
        if (headerLength < 0 || headerLength > bytes.length - PREAMBLE - 4) {
            throw new CorruptChunkException("header length " + headerLength + " exceeds chunk size " + bytes.length);
        }
        int headerEnd = PREAMBLE + headerLength;
        int storedCrc = ByteReader.getInt(bytes, headerEnd);
        if (storedCrc != crc(bytes, 0, headerEnd)) {
            throw new CorruptChunkException("chunk header CRC32C mismatch");
        }
        Labels labels = reader.readLabels();
        long from = reader.readVarint();
        long through = from + reader.readUvarint();
        long entries = reader.readUvarint();
        long uncompressed = reader.readUvarint();
        int blockCount = reader.readLength();
        if (blockCount > headerLength) {
            throw new CorruptChunkException("header claims " + blockCount + " blocks");
        }
        List<Block> blocks = new ArrayList<>(blockCount);
        int offset = headerEnd + 4;
        long compressed = 0;
        for (int i = 0; i < blockCount; i++) {
            long minTime = reader.readVarint();
            long maxTime = minTime + reader.readUvarint();
            int blockEntries = reader.readLength();
            int uncompressedSize = reader.readLength();
            int length = reader.readLength();
            int filterLength = version == VERSION_FILTERS ? reader.readLength() : 0;
            if (length > bytes.length - offset - 4) {
                throw new CorruptChunkException("block " + i + " of " + length + " bytes runs past the chunk end");
            }
            int filterOffset = offset + length + 4;
            ContentFilter filter = null;
            if (filterLength > 0) {
                if (filterLength > bytes.length - filterOffset - 4) {
                    throw new CorruptChunkException(
                            "content filter of block " + i + " (" + filterLength + " bytes) runs past the chunk end");
                }
                if (crc(bytes, filterOffset, filterLength) != ByteReader.getInt(bytes, filterOffset + filterLength)) {
                    throw new CorruptChunkException("content filter of block " + i + " CRC32C mismatch");
                }
                filter = ContentFilter.wrap(bytes, filterOffset, filterLength);
            }
            Block block =
                    new Block(codec, minTime, maxTime, blockEntries, uncompressedSize, bytes, offset, length, filter);
            if (block.crc() != ByteReader.getInt(bytes, offset + length)) {
                throw new CorruptChunkException("block " + i + " CRC32C mismatch");
            }
            blocks.add(block);
            int section = length + 4 + (filterLength > 0 ? filterLength + 4 : 0);
            offset += section;
            // Stats count block bytes only, as MemChunk does for the target size: the filter is an index.
            compressed += length + 4;
        }
        if (reader.position() != headerEnd) {
            throw new CorruptChunkException("header length does not match its contents");
        }
        if (offset != bytes.length) {
            throw new CorruptChunkException(
                    "chunk has " + (bytes.length - offset) + " trailing bytes after its last block");
        }
        return new Chunk(
                labels, codec, List.copyOf(blocks), new ChunkStats(entries, uncompressed, compressed, from, through));
    }

    static int crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
