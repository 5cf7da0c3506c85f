package io.skald.chunk;

import io.skald.labels.Labels;
import java.util.Arrays;

/**
 * One decompressed block laid out for scanning: a timestamps column, a line-offsets column and all lines back to
 * back in {@link #data()} between {@link #linesStart()} and {@link #linesEnd()}, so a line filter can scan one
 * contiguous region. Views are reusable: {@link Block#decode(BlockView)} refills the same buffers.
 */
public final class BlockView {
    private static final String[] NO_SYMBOLS = new String[0];

    private byte[] data = new byte[0];
    private long[] timestamps = new long[0];
    private int[] lineOffsets = new int[1];
    private int[] metadataOffsets = new int[0];
    private String[] symbols = NO_SYMBOLS;
    private int entries;
    private boolean hasMetadata;

    /** Number of entries, sorted by timestamp; equal timestamps in push order. */
    public int entries() {
        return entries;
    }

    /** The decompressed block; lines and metadata live at the offsets this view reports. */
    public byte[] data() {
        return data;
    }

    public long timestamp(int index) {
        return timestamps[index];
    }

    /** The timestamps column; valid indexes are {@code [0, entries())}. */
    public long[] timestamps() {
        return timestamps;
    }

    /** Line {@code i} is {@code data()[lineOffsets()[i], lineOffsets()[i+1])}; length {@code entries()+1}. */
    public int[] lineOffsets() {
        return lineOffsets;
    }

    public int lineOffset(int index) {
        return lineOffsets[index];
    }

    public int lineLength(int index) {
        return lineOffsets[index + 1] - lineOffsets[index];
    }

    /** Start of the contiguous lines region in {@link #data()}. */
    public int linesStart() {
        return lineOffsets[0];
    }

    /** End (exclusive) of the contiguous lines region in {@link #data()}. */
    public int linesEnd() {
        return lineOffsets[entries];
    }

    /** The index of the entry whose line contains byte {@code position} of the lines region (binary search). */
    public int entryAt(int position) {
        int index = Arrays.binarySearch(lineOffsets, 0, entries + 1, position);
        if (index >= 0) {
            // Empty lines share an offset with their successor; the match is the first non-empty line starting here.
            while (index < entries && lineOffsets[index + 1] == position) {
                index++;
            }
            return Math.min(index, entries - 1);
        }
        return -index - 2;
    }

    public String line(int index) {
        return new String(data, lineOffsets[index], lineLength(index), java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean hasMetadata() {
        return hasMetadata;
    }

    /** Structured metadata of one entry, decoded on demand. */
    public Labels metadata(int index) {
        if (!hasMetadata) {
            return Labels.EMPTY;
        }
        ByteReader reader = new ByteReader(data, metadataOffsets[index], data.length - metadataOffsets[index]);
        int pairs = reader.readLength();
        if (pairs == 0) {
            return Labels.EMPTY;
        }
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < pairs; i++) {
            builder.set(symbol(reader.readLength()), symbol(reader.readLength()));
        }
        return builder.build();
    }

    /** First index with timestamp {@code >= time}, or {@link #entries()}. */
    public int lowerBound(long time) {
        int low = 0;
        int high = entries;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timestamps[mid] < time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private String symbol(int id) {
        if (id >= symbols.length) {
            throw new CorruptChunkException("metadata symbol " + id + " out of range " + symbols.length);
        }
        return symbols[id];
    }

    /** Byte buffer of at least {@code size} bytes for the decompressor to fill. */
    byte[] dataBuffer(int size) {
        if (data.length < size) {
            // Headroom, so the next block of about the same size reuses the buffer.
            data = new byte[Math.max(size + size / 8, data.length + data.length / 2)];
        }
        return data;
    }

    /** Parses the uncompressed payload (see {@link BlockPayload}) already in {@link #data()}. */
    void parse(int length) {
        ByteReader reader = new ByteReader(data, 0, length);
        int count = reader.readLength();
        int linesLength = reader.readLength();
        if (count > length) {
            throw new CorruptChunkException("block claims " + count + " entries in " + length + " bytes");
        }
        // Grow with headroom: consecutive blocks differ by a few entries and must not reallocate each time.
        if (timestamps.length < count) {
            timestamps = new long[count + count / 4];
        }
        if (lineOffsets.length < count + 1) {
            lineOffsets = new int[count + 1 + count / 4];
        }
        long time = 0;
        for (int i = 0; i < count; i++) {
            time = i == 0 ? reader.readVarint() : time + reader.readUvarint();
            timestamps[i] = time;
        }
        int offset = 0;
        for (int i = 0; i < count; i++) {
            lineOffsets[i] = offset;
            offset += reader.readLength();
        }
        if (offset != linesLength) {
            throw new CorruptChunkException("line lengths sum to " + offset + ", block says " + linesLength);
        }
        int linesStart = reader.position();
        for (int i = 0; i <= count; i++) {
            lineOffsets[i] = i == count ? linesStart + offset : lineOffsets[i] + linesStart;
        }
        reader.skip(linesLength);
        entries = count;
        parseMetadata(reader, count);
    }

    private void parseMetadata(ByteReader reader, int count) {
        int kind = reader.readByte();
        if (kind == BlockPayload.METADATA_NONE) {
            hasMetadata = false;
            symbols = NO_SYMBOLS;
            return;
        }
        if (kind != BlockPayload.METADATA_SYMBOLS) {
            throw new CorruptChunkException("unknown metadata kind " + kind);
        }
        int symbolCount = reader.readLength();
        if (symbolCount > reader.remaining()) {
            throw new CorruptChunkException("metadata claims " + symbolCount + " symbols");
        }
        symbols = new String[symbolCount];
        for (int i = 0; i < symbolCount; i++) {
            symbols[i] = reader.readString();
        }
        if (metadataOffsets.length < count) {
            metadataOffsets = new int[count + count / 4];
        }
        for (int i = 0; i < count; i++) {
            metadataOffsets[i] = reader.position();
            int pairs = reader.readLength();
            for (int p = 0; p < pairs * 2; p++) {
                reader.readUvarint();
            }
        }
        hasMetadata = true;
    }
}
