package io.skald.logql.log;

/** Substring search on UTF-8 bytes, so line filters need not decode lines. */
final class ByteSearch {
    private ByteSearch() {}

    /** Index of {@code needle} in {@code haystack[from, to)}, or -1: a first-byte scan then a compare. */
    static int indexOf(byte[] haystack, int from, int to, byte[] needle) {
        int n = needle.length;
        if (n == 0) {
            return from <= to ? from : -1;
        }
        byte first = needle[0];
        int last = to - n;
        for (int i = from; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            int j = 1;
            while (j < n && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == n) {
                return i;
            }
        }
        return -1;
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
