package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Loki's logfmt decoder (adapted from go-logfmt): scans {@code key=value} pairs of a line with the same tolerance,
 * the same handling of quoted values and the same error texts ({@code logfmt syntax error at pos N : ...}). Keys and
 * values are kept as byte ranges and decoded only when asked for, so pairs a parser skips cost no allocation.
 */
final class LogfmtDecoder {
    /** No value, a value to decode as is, or a quoted value with escapes (already validated). */
    private static final int NO_VALUE = 0;

    private static final int RAW_VALUE = 1;
    private static final int ESCAPED_VALUE = 2;

    private final byte[] line;
    private int pos;
    private int keyStart = -1;
    private int keyEnd;
    private boolean keyMultibyte;
    private @Nullable String key;
    private int valueKind;
    private int valueStart;
    private int valueEnd;
    private @Nullable String error;

    LogfmtDecoder(byte[] line) {
        this.line = line;
    }

    boolean atEnd() {
        return pos >= line.length;
    }

    /** Whether the last pair has a key. */
    boolean hasKey() {
        return keyStart >= 0;
    }

    /** Start of the last pair's key in the line. */
    int keyStart() {
        return keyStart;
    }

    /** End (exclusive) of the last pair's key in the line. */
    int keyEnd() {
        return keyEnd;
    }

    /** Whether the last pair's key holds bytes outside ASCII. */
    boolean keyMultibyte() {
        return keyMultibyte;
    }

    /** The key of the last pair (null when none). */
    @Nullable
    String key() {
        String k = key;
        if (k == null && keyStart >= 0) {
            k = text(keyStart, keyEnd);
            key = k;
        }
        return k;
    }

    /** The value of the last pair, null when empty or absent. */
    @Nullable
    String value() {
        if (valueKind == RAW_VALUE) {
            return text(valueStart, valueEnd);
        }
        if (valueKind == ESCAPED_VALUE) {
            StringBuilder out = new StringBuilder(valueEnd - valueStart);
            unquote(valueStart, valueEnd, out);
            return out.isEmpty() ? null : out.toString();
        }
        return null;
    }

    /** The last syntax error, or null. */
    @Nullable
    String error() {
        return error;
    }

    /** Advances to the next pair; false at the end or on a syntax error (the pair is then skipped). */
    boolean scanKeyval() {
        keyStart = -1;
        key = null;
        valueKind = NO_VALUE;
        byte[] l = line;
        int n = l.length;
        while (pos < n && (l[pos] & 0xff) <= ' ') {
            pos++;
        }
        if (pos >= n) {
            return false;
        }
        int start = pos;
        boolean multibyte = false;
        while (pos < n) {
            int c = l[pos] & 0xff;
            if (c == '=') {
                if (pos > start && !setKey(start, pos, multibyte)) {
                    syntaxError("invalid key");
                    return skipValue();
                }
                if (keyStart < 0) {
                    unexpectedByte(c);
                    return skipValue();
                }
                return equal();
            } else if (c == '"') {
                unexpectedByte(c);
                return skipValue();
            } else if (c <= ' ') {
                if (pos > start && !setKey(start, pos, multibyte)) {
                    syntaxError("invalid key");
                    return false;
                }
                return true;
            } else if (c >= 0x80) {
                multibyte = true;
            }
            pos++;
        }
        if (pos > start && !setKey(start, pos, multibyte)) {
            syntaxError("invalid key");
            return false;
        }
        return true;
    }

    /** Records the key {@code line[from, to)}; false when it is not valid UTF-8 (it then decodes to U+FFFD). */
    private boolean setKey(int from, int to, boolean multibyte) {
        keyStart = from;
        keyEnd = to;
        keyMultibyte = multibyte;
        if (multibyte) {
            String k = text(from, to);
            key = k;
            return k.indexOf('\uFFFD') < 0;
        }
        return true;
    }

    private void setValue(int kind, int from, int to) {
        valueKind = kind;
        valueStart = from;
        valueEnd = to;
    }

    private boolean equal() {
        byte[] l = line;
        int n = l.length;
        pos++;
        if (pos >= n) {
            return true;
        }
        int c = l[pos] & 0xff;
        if (c <= ' ') {
            return true;
        }
        if (c == '"') {
            return quotedValue();
        }
        int start = pos;
        while (pos < n) {
            c = l[pos] & 0xff;
            if (c == '=' || c == '"') {
                unexpectedByte(c);
                return skipValue();
            }
            if (c <= ' ') {
                if (pos > start) {
                    setValue(RAW_VALUE, start, pos);
                }
                return true;
            }
            pos++;
        }
        if (pos > start) {
            setValue(RAW_VALUE, start, pos);
        }
        return true;
    }

    private boolean skipValue() {
        while (pos < line.length) {
            if ((line[pos] & 0xff) <= ' ') {
                return false;
            }
            pos++;
        }
        return false;
    }

    private boolean quotedValue() {
        byte[] l = line;
        boolean hasEscape = false;
        boolean escaped = false;
        int start = pos;
        for (int i = pos + 1; i < l.length; i++) {
            byte c = l[i];
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                hasEscape = true;
                escaped = true;
            } else if (c == '"') {
                pos = i + 1;
                if (hasEscape) {
                    if (!unquote(start + 1, i, null)) {
                        syntaxError("invalid quoted value");
                        return false;
                    }
                    setValue(ESCAPED_VALUE, start + 1, i);
                } else if (i > start + 1) {
                    setValue(RAW_VALUE, start + 1, i);
                }
                return true;
            }
        }
        pos = l.length;
        syntaxError("unterminated quoted value");
        return false;
    }

    /**
     * JSON-style unquoting of a quoted body into {@code out}, or only its validation when {@code out} is null; false
     * when an escape is invalid.
     */
    private boolean unquote(int from, int to, @Nullable StringBuilder out) {
        int i = from;
        int plain = from;
        while (i < to) {
            byte c = line[i];
            if (c != '\\') {
                i++;
                continue;
            }
            if (out != null) {
                out.append(text(plain, i));
            }
            if (i + 1 >= to) {
                return false;
            }
            byte e = line[i + 1];
            char single;
            switch (e) {
                case '"', '\\', '/', '\'' -> single = (char) e;
                case 'b' -> single = '\b';
                case 'f' -> single = '\f';
                case 'n' -> single = '\n';
                case 'r' -> single = '\r';
                case 't' -> single = '\t';
                case 'u' -> {
                    int code = hex4(i + 2, to);
                    if (code < 0) {
                        return false;
                    }
                    i += 4;
                    single = code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : (char) code;
                    if (code >= 0xD800 && code < 0xDC00 && i + 7 < to && line[i + 2] == '\\' && line[i + 3] == 'u') {
                        int low = hex4(i + 4, to);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            if (out != null) {
                                out.append((char) code).append((char) low);
                            }
                            i += 8;
                            plain = i;
                            continue;
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
            if (out != null) {
                out.append(single);
            }
            i += 2;
            plain = i;
        }
        if (out != null) {
            out.append(text(plain, to));
        }
        return true;
    }

    private int hex4(int from, int to) {
        if (from + 4 > to) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    private void syntaxError(String message) {
        error = "logfmt syntax error at pos " + (pos + 1) + " : " + message;
    }

    private void unexpectedByte(int c) {
        error = "logfmt syntax error at pos " + (pos + 1) + " : unexpected " + GoQuote.quoteRune(c);
    }
}
