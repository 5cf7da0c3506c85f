package io.skald.chunk;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;

/** Reads what {@link ByteWriter} wrote from a byte range; running past the end throws {@link CorruptChunkException}. */
public final class ByteReader {
    private final byte[] buffer;
    private final int limit;
    private int position;

    public ByteReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public ByteReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public int position() {
        return position;
    }

    public int remaining() {
        return limit - position;
    }

    public byte[] array() {
        return buffer;
    }

    public void skip(int count) {
        require(count);
        position += count;
    }

    public int readByte() {
        require(1);
        return buffer[position++] & 0xFF;
    }

    public long readUvarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1);
            byte b = buffer[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new CorruptChunkException("varint longer than 10 bytes at offset " + position);
    }

    /** A uvarint that must fit a non-negative int (lengths, counts). */
    public int readLength() {
        long value = readUvarint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new CorruptChunkException("length " + value + " out of range at offset " + position);
        }
        return (int) value;
    }

    public long readVarint() {
        long raw = readUvarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    public int readInt() {
        require(4);
        int value = getInt(buffer, position);
        position += 4;
        return value;
    }

    public long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (buffer[position++] & 0xFF);
        }
        return value;
    }

    public byte[] readLengthPrefixed() {
        int length = readLength();
        require(length);
        byte[] bytes = new byte[length];
        System.arraycopy(buffer, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    public String readString() {
        int length = readLength();
        require(length);
        String value = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    public Labels readLabels() {
        int count = readLength();
        if (count == 0) {
            return Labels.EMPTY;
        }
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < count; i++) {
            builder.set(readString(), readString());
        }
        return builder.build();
    }

    private void require(int count) {
        if (count < 0 || count > limit - position) {
            throw new CorruptChunkException(
                    "truncated data: need " + count + " bytes at offset " + position + ", have " + (limit - position));
        }
    }

    static int getInt(byte[] source, int position) {
        return ((source[position] & 0xFF) << 24)
                | ((source[position + 1] & 0xFF) << 16)
                | ((source[position + 2] & 0xFF) << 8)
                | (source[position + 3] & 0xFF);
    }
}
