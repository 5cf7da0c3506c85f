package io.skald.chunk;

import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array with varint and fixed-width writers; reused across blocks to avoid garbage. */
public final class ByteWriter {
    private byte[] buffer;
    private int size;

    public ByteWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    /** The backing array; valid bytes are {@code [0, size())}. */
    public byte[] array() {
        return buffer;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    /** Makes room for {@code additional} more bytes. */
    public void ensureCapacity(int additional) {
        int needed = size + additional;
        if (needed < 0) {
            throw new IllegalStateException("buffer larger than 2 GiB");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
        }
    }

    /** Advances the size after a caller wrote {@code count} bytes into {@link #array()} past {@link #size()}. */
    public void skip(int count) {
        ensureCapacity(count);
        size += count;
    }

    public void writeByte(int value) {
        ensureCapacity(1);
        buffer[size++] = (byte) value;
    }

    public void writeBytes(byte[] bytes) {
        writeBytes(bytes, 0, bytes.length);
    }

    public void writeBytes(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    /** Unsigned LEB128 varint. */
    public void writeUvarint(long value) {
        ensureCapacity(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[size++] = (byte) v;
    }

    /** Zig-zag signed varint, so small negative numbers stay short. */
    public void writeVarint(long value) {
        writeUvarint((value << 1) ^ (value >> 63));
    }

    public void writeInt(int value) {
        ensureCapacity(4);
        putInt(buffer, size, value);
        size += 4;
    }

    public void writeLong(long value) {
        ensureCapacity(8);
        for (int i = 7; i >= 0; i--) {
            buffer[size++] = (byte) (value >>> (i * 8));
        }
    }

    /** A uvarint length followed by the bytes. */
    public void writeLengthPrefixed(byte[] bytes) {
        writeUvarint(bytes.length);
        writeBytes(bytes);
    }

    public void writeString(String value) {
        writeLengthPrefixed(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A uvarint pair count then name/value strings. */
    public void writeLabels(Labels labels) {
        writeUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeString(labels.name(i));
            writeString(labels.value(i));
        }
    }

    /** Overwrites a big-endian int already written at {@code position}. */
    public void setInt(int position, int value) {
        putInt(buffer, position, value);
    }

    static void putInt(byte[] target, int position, int value) {
        target[position] = (byte) (value >>> 24);
        target[position + 1] = (byte) (value >>> 16);
        target[position + 2] = (byte) (value >>> 8);
        target[position + 3] = (byte) value;
    }
}
