package io.skald.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable big-endian byte buffer with varints, for building index sections. */
final class Encoder {
    private byte[] buffer;
    private int size;

    Encoder(int initialCapacity) {
        buffer = new byte[Math.max(64, initialCapacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buffer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int additional) {
        int needed = size + additional;
        if (needed < 0) {
            throw new IllegalStateException("index file larger than 2 GiB");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    void writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void writeBytes(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** Appends zero bytes, space to patch later with {@link #setInt}. */
    void writeZeros(int count) {
        ensure(count);
        Arrays.fill(buffer, size, size + count, (byte) 0);
        size += count;
    }

    void writeInt(int value) {
        ensure(4);
        putInt(buffer, size, value);
        size += 4;
    }

    void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    void writeUvarint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    /** Zig-zag, so small negative numbers stay short. */
    void writeVarint(long value) {
        writeUvarint((value << 1) ^ (value >> 63));
    }

    void writeString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeUvarint(bytes.length);
        writeBytes(bytes, 0, bytes.length);
    }

    void setInt(int position, int value) {
        putInt(buffer, position, value);
    }

    static void putInt(byte[] target, int position, int value) {
        target[position] = (byte) (value >>> 24);
        target[position + 1] = (byte) (value >>> 16);
        target[position + 2] = (byte) (value >>> 8);
        target[position + 3] = (byte) value;
    }
}
