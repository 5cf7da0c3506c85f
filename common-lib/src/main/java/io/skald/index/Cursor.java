package io.skald.index;

import java.nio.charset.StandardCharsets;

/** Reads varints and strings from a position in an index file; running off the end is a corrupt file. */
final class Cursor {
    private final byte[] data;
    private int position;

    Cursor(byte[] data, int position) {
        this.data = data;
        this.position = checkPosition(data, position);
    }

    int position() {
        return position;
    }

    long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    long readUvarint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            require(1);
            byte b = data[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new CorruptIndexException("varint longer than 10 bytes at offset " + position);
    }

    long readVarint() {
        long raw = readUvarint();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A uvarint that must be a non-negative int (counts, lengths, ids). */
    int readCount() {
        long value = readUvarint();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new CorruptIndexException("count " + value + " out of range at offset " + position);
        }
        return (int) value;
    }

    String readString() {
        int length = readCount();
        require(length);
        String value = new String(data, position, length, StandardCharsets.UTF_8);
        position += length;
        return value;
    }

    byte[] readBytes() {
        int length = readCount();
        require(length);
        byte[] bytes = new byte[length];
        System.arraycopy(data, position, bytes, 0, length);
        position += length;
        return bytes;
    }

    void skipString() {
        int length = readCount();
        require(length);
        position += length;
    }

    private void require(int count) {
        if (count > data.length - position) {
            throw new CorruptIndexException("truncated index: need " + count + " bytes at offset " + position);
        }
    }

    /** A big-endian u32 at an absolute position, bounds-checked. */
    static int getInt(byte[] data, int position) {
        if (position < 0 || position > data.length - 4) {
            throw new CorruptIndexException("offset " + position + " outside index of " + data.length + " bytes");
        }
        return ((data[position] & 0xFF) << 24)
                | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8)
                | (data[position + 3] & 0xFF);
    }

    /** A big-endian 64-bit value at an absolute position, bounds-checked. */
    static long getLongAt(byte[] data, int position) {
        if (position < 0 || position > data.length - 8) {
            throw new CorruptIndexException("offset " + position + " outside index of " + data.length + " bytes");
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[position + i] & 0xFF);
        }
        return value;
    }

    static int checkPosition(byte[] data, int position) {
        if (position < 0 || position > data.length) {
            throw new CorruptIndexException("offset " + position + " outside index of " + data.length + " bytes");
        }
        return position;
    }
}
