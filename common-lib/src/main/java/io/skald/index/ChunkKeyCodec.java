package io.skald.index;

import java.nio.charset.StandardCharsets;

/**
 * Stores chunk keys compactly: the directory part (up to the last {@code /}) becomes a symbol shared by every key
 * under it, and a file name that is an even-length lowercase hex string (a content hash) is stored as its bytes,
 * halving what dominates an index file's size.
 *
 * <p>Encoding: uvarint {@code (prefix symbol + 1) << 1 | hex flag} (0 for no prefix), then the name as a
 * length-prefixed byte string (raw bytes when hex, else UTF-8).
 */
final class ChunkKeyCodec {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ChunkKeyCodec() {}

    /** The directory part of a key, with its trailing slash; empty when there is none. */
    static String prefix(String key) {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }

    static boolean isHexName(String name) {
        if (name.isEmpty() || name.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /** Writes a key whose prefix has symbol {@code prefixSymbol} (-1 for an empty prefix). */
    static void write(Encoder out, String key, int prefixSymbol) {
        String prefix = prefix(key);
        String name = key.substring(prefix.length());
        boolean hex = isHexName(name);
        out.writeUvarint(((long) (prefixSymbol + 1) << 1) | (hex ? 1 : 0));
        if (hex) {
            out.writeUvarint(name.length() / 2);
            for (int i = 0; i < name.length(); i += 2) {
                out.writeByte((Character.digit(name.charAt(i), 16) << 4) | Character.digit(name.charAt(i + 1), 16));
            }
        } else {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            out.writeUvarint(bytes.length);
            out.writeBytes(bytes, 0, bytes.length);
        }
    }

    /** Reads a key written by {@link #write}. */
    static String read(Cursor cursor, IndexFile file) {
        long header = cursor.readUvarint();
        long prefixSymbol = (header >>> 1) - 1;
        String prefix = prefixSymbol < 0 ? "" : file.symbol((int) Math.min(prefixSymbol, Integer.MAX_VALUE));
        if ((header & 1) == 0) {
            return prefix + cursor.readString();
        }
        byte[] bytes = cursor.readBytes();
        StringBuilder out = new StringBuilder(prefix.length() + bytes.length * 2).append(prefix);
        for (byte b : bytes) {
            out.append(HEX[(b >>> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return out.toString();
    }

    /** Skips a key written by {@link #write}. */
    static void skip(Cursor cursor) {
        cursor.readUvarint();
        cursor.skipString();
    }
}
