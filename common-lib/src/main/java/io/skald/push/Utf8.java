package io.skald.push;

/** UTF-8 byte lengths of Java strings without encoding them. */
public final class Utf8 {
    private Utf8() {}

    /** The number of bytes {@code text} takes in UTF-8; unpaired surrogates count as {@code ?} (1 byte). */
    public static int length(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) < 0x80) {
            i++; // the common all-ASCII case: one compare per char
        }
        int bytes = n;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair, counted over 2 chars
                    i++;
                } else if (Character.isSurrogate(c)) {
                    // encoded as a single '?' replacement byte
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** The longest prefix of {@code text} that fits in {@code maxBytes} UTF-8 bytes without splitting a character. */
    static String truncate(String text, int maxBytes) {
        int bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else if (Character.isSurrogate(c)) {
                width = 1;
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                return text.substring(0, i);
            }
            bytes += width;
            i += chars - 1;
        }
        return text;
    }
}
