package io.skald.logql.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Substring search on UTF-8 bytes, so line filters need not decode lines. */
final class ByteSearch {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteSearch() {}

    /**
     * Index of {@code needle} in {@code haystack[from, to)}, or -1. Eight start positions are tested at once (SWAR):
     * one 8-byte word holds the candidates' first bytes and another, {@code needle.length - 1} further, their last
     * bytes; only positions where both match are compared in full. That skips most of a line in a few instructions
     * per 8 bytes, where a first-byte scan stops at every occurrence of a common first byte.
     */
    static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return from <= to ? from : -1;
        }
        int last = to - n;
        int i = from;
        if (n > 1) {
            long first = ONES * (needle[0] & 0xFF);
            long end = ONES * (needle[n - 1] & 0xFF);
            // The word at i + n - 1 must end inside the haystack: i + n - 1 + 8 <= to.
            for (int stop = last - 7; i <= stop; i += 8) {
                long x = ((long) LONGS.get(haystack, i) ^ first) | ((long) LONGS.get(haystack, i + n - 1) ^ end);
                // High bit set in every byte of x that is zero (and possibly in a byte above one: verified below).
                long candidates = (x - ONES) & ~x & HIGHS;
                while (candidates != 0) {
                    int at = i + (Long.numberOfTrailingZeros(candidates) >>> 3);
                    if (matchesAt(haystack, at, needle)) {
                        return at;
                    }
                    candidates &= candidates - 1;
                }
            }
        }
        byte head = needle[0];
        for (; i <= last; i++) {
            if (haystack[i] == head && matchesAt(haystack, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] haystack, int at, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, 0, haystack.length, needle);
    }

    /** Index of an ASCII-only needle given in lower case, comparing ASCII letters case-insensitively. */
    static int indexOfIgnoreAsciiCase(byte[] haystack, byte[] lowerNeedle) {
        int n = lowerNeedle.length;
        if (n == 0) {
            return 0;
        }
        int last = haystack.length - n;
        for (int i = 0; i <= last; i++) {
            int j = 0;
            while (j < n && lowerAscii(haystack[i + j]) == lowerNeedle[j]) {
                j++;
            }
            if (j == n) {
                return i;
            }
        }
        return -1;
    }

    static byte lowerAscii(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
