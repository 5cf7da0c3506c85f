package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Loki's logfmt decoder (adapted from go-logfmt): scans {@code key=value} pairs of a line with the same tolerance,
 * the same handling of quoted values and the same error texts ({@code logfmt syntax error at pos N : ...}).
 */
final class LogfmtDecoder {
    private final byte[] line;
    private int pos;
    private @Nullable String key;
    private @Nullable String value;
    private @Nullable String error;

    LogfmtDecoder(byte[] line) {
        this.line = line;
    }

    boolean atEnd() {
        return pos >= line.length;
    }

    /** The key of the last pair (null when none). */
    @Nullable
    String key() {
        return key;
    }

    /** The value of the last pair, null when empty or absent. */
    @Nullable
    String value() {
        return value;
    }

    /** The last syntax error, or null. */
    @Nullable
    String error() {
        return error;
    }

    /** Advances to the next pair; false at the end or on a syntax error (the pair is then skipped). */
    boolean scanKeyval() {
        key = null;
        value = null;
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
                if (pos > start) {
                    key = text(start, pos);
                    if (multibyte && key.indexOf('\uFFFD') >= 0) {
                        syntaxError("invalid key");
                        return skipValue();
                    }
                }
                if (key == null) {
                    unexpectedByte(c);
                    return skipValue();
                }
                return equal();
            } else if (c == '"') {
                unexpectedByte(c);
                return skipValue();
            } else if (c <= ' ') {
                if (pos > start) {
                    key = text(start, pos);
                    if (multibyte && key.indexOf('\uFFFD') >= 0) {
                        syntaxError("invalid key");
                        return false;
                    }
                }
                return true;
            } else if (c >= 0x80) {
                multibyte = true;
            }
            pos++;
        }
        if (pos > start) {
            key = text(start, pos);
            if (multibyte && key.indexOf('\uFFFD') >= 0) {
                syntaxError("invalid key");
                return false;
            }
        }
        return true;
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
                    value = text(start, pos);
                }
                return true;
            }
            pos++;
        }
        if (pos > start) {
            value = text(start, pos);
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
                    String unquoted = unquote(start + 1, i);
                    if (unquoted == null) {
                        syntaxError("invalid quoted value");
                        return false;
                    }
                    value = unquoted.isEmpty() ? null : unquoted;
                } else if (i > start + 1) {
                    value = text(start + 1, i);
                }
                return true;
            }
        }
        pos = l.length;
        syntaxError("unterminated quoted value");
        return false;
    }

    /** JSON-style unquoting of a quoted body; null when an escape is invalid. */
    private @Nullable String unquote(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        int plain = from;
        while (i < to) {
            byte c = line[i];
            if (c != '\\') {
                i++;
                continue;
            }
            out.append(text(plain, i));
            if (i + 1 >= to) {
                return null;
            }
            byte e = line[i + 1];
            switch (e) {
                case '"', '\\', '/', '\'' -> out.append((char) e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int code = hex4(i + 2, to);
                    if (code < 0) {
                        return null;
                    }
                    i += 4;
                    if (code >= 0xD800 && code < 0xDC00 && i + 7 < to && line[i + 2] == '\\' && line[i + 3] == 'u') {
                        int low = hex4(i + 4, to);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            out.append((char) code).append((char) low);
                            i += 6;
                            break;
                        }
                    }
                    out.append(code >= 0xD800 && code <= 0xDFFF ? '\uFFFD' : (char) code);
                }
                default -> {
                    return null;
                }
            }
            i += 2;
            plain = i;
        }
        out.append(text(plain, to));
        return out.toString();
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
