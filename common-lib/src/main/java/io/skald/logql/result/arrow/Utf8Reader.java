package io.skald.logql.result.arrow;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.VarCharVector;

/**
 * Reads utf8 cells into Strings through one reused scratch array, so a cell costs one copy out of Arrow memory and
 * the String itself, not an intermediate {@code byte[]} per cell. Not thread-safe: one per reading thread.
 */
final class Utf8Reader {
    private byte[] scratch = new byte[256];

    String read(VarCharVector vector, int index) {
        long start = vector.getStartOffset(index);
        int length = (int) (vector.getEndOffset(index) - start);
        if (length == 0) {
            return "";
        }
        if (length > scratch.length) {
            scratch = new byte[Math.max(length, scratch.length * 2)];
        }
        vector.getDataBuffer().getBytes(start, scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
}
