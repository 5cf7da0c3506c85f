package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A streaming JSON object walker with the exact tolerance and error texts of {@code buger/jsonparser}, which Loki's
 * {@code json} and {@code unpack} parsers use: labels found before a syntax error are kept, and the error message
 * becomes {@code __error_details__}.
 */
final class JsonScanner {
    static final String MALFORMED_JSON = "Malformed JSON error";
    static final String MALFORMED_STRING = "Value is string, but can't find closing '\"' symbol";
    static final String MALFORMED_ARRAY = "Value is array, but can't find closing ']' symbol";
    static final String MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol";
    static final String UNKNOWN_VALUE_TYPE = "Unknown value type";
    static final String MALFORMED_STRING_ESCAPE = "Encountered an invalid escape sequence in a string";

    /** The JSON type of a value. */
    enum ValueType {
        STRING,
        NUMBER,
        OBJECT,
        ARRAY,
        BOOLEAN,
        NULL
    }

    /** Receives each member of an object; returns an error text to stop, or null. */
    interface MemberVisitor {
        @Nullable
        String member(String key, byte[] data, int valueStart, int valueEnd, ValueType type);
    }

    private JsonScanner() {}

    /** Position after whitespace, or -1 at the end. */
    static int nextToken(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
        }
        return -1;
    }

    /** Position after the closing quote of a string whose body starts at {@code from}, or -1. */
    static int stringEnd(byte[] d, int from, int to) {
        boolean escaped = false;
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (c == '"') {
                if (!escaped) {
                    return i + 1;
                }
                int j = i - 1;
                while (true) {
                    if (j < from || d[j] != '\\') {
                        return i + 1;
                    }
                    j--;
                    if (j < from || d[j] != '\\') {
                        break;
                    }
                    j--;
                }
            } else if (c == '\\') {
                escaped = true;
            }
        }
        return -1;
    }

    /** A key body holds a backslash. */
    static final int KEY_ESCAPED = 1;

    /** A key body holds a byte outside ASCII. */
    static final int KEY_NON_ASCII = 2;

    /**
     * {@link #stringEnd}, noting in {@code out.keyFlags} whether the body holds a backslash ({@link #KEY_ESCAPED}) or a
     * byte outside ASCII ({@link #KEY_NON_ASCII}), so that a key is read once.
     */
    static int keyEnd(byte[] d, int from, int to, ValueCursor out) {
        int flags = 0;
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (c == '"') {
                if ((flags & KEY_ESCAPED) == 0) {
                    out.keyFlags = flags;
                    return i + 1;
                }
                int j = i - 1;
                while (true) {
                    if (j < from || d[j] != '\\') {
                        out.keyFlags = flags;
                        return i + 1;
                    }
                    j--;
                    if (j < from || d[j] != '\\') {
                        break;
                    }
                    j--;
                }
            } else if (c == '\\') {
                flags |= KEY_ESCAPED;
            } else if (c < 0) {
                flags |= KEY_NON_ASCII;
            }
        }
        return -1;
    }

    /** Position after the block opened at {@code from}, or -1. */
    static int blockEnd(byte[] d, int from, int to, byte open, byte close) {
        int level = 0;
        int i = from;
        while (i < to) {
            byte c = d[i];
            if (c == '"') {
                int end = stringEnd(d, i + 1, to);
                if (end < 0) {
                    return -1;
                }
                i = end - 1;
            } else if (c == open) {
                level++;
            } else if (c == close) {
                level--;
                if (level == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return -1;
    }

    private static int tokenEnd(byte[] d, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = d[i];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == ',' || c == '}' || c == ']') {
                return i;
            }
        }
        return to;
    }

    /** A located value: for strings, start/end exclude the quotes; {@code next} is the position after the value. */
    record Value(ValueType type, int start, int end, int next) {}

    /** Either a value or an error text. */
    record ValueOrError(@Nullable Value value, @Nullable String error) {}

    /** jsonparser's {@code Get} without keys: the value starting at the next token. */
    static ValueOrError value(byte[] d, int from, int to) {
        ValueCursor cursor = new ValueCursor();
        String error = locate(d, from, to, cursor);
        if (error != null) {
            return new ValueOrError(null, error);
        }
        return new ValueOrError(new Value(cursor.type, cursor.start, cursor.end, cursor.next), null);
    }

    /** A located value, reused from value to value so that walking a line allocates nothing per member. */
    static final class ValueCursor {
        ValueType type = ValueType.NULL;
        int start;
        int end;
        int next;
        int keyFlags;
    }

    /** Locates the value starting at the next token into {@code out}; returns an error text, or null. */
    static @Nullable String locate(byte[] d, int from, int to, ValueCursor out) {
        int offset = nextToken(d, from, to);
        if (offset < 0) {
            return MALFORMED_JSON;
        }
        byte c = d[offset];
        switch (c) {
            case '"' -> {
                int end = stringEnd(d, offset + 1, to);
                if (end < 0) {
                    return MALFORMED_STRING;
                }
                return located(out, ValueType.STRING, offset + 1, end - 1, end);
            }
            case '[' -> {
                int end = blockEnd(d, offset, to, (byte) '[', (byte) ']');
                if (end < 0) {
                    return MALFORMED_ARRAY;
                }
                return located(out, ValueType.ARRAY, offset, end, end);
            }
            case '{' -> {
                int end = blockEnd(d, offset, to, (byte) '{', (byte) '}');
                if (end < 0) {
                    return MALFORMED_OBJECT;
                }
                return located(out, ValueType.OBJECT, offset, end, end);
            }
            default -> {
                int end = tokenEnd(d, offset, to);
                ValueType type;
                if (c == 't' || c == 'f') {
                    if (!equalsAscii(d, offset, end, "true") && !equalsAscii(d, offset, end, "false")) {
                        return UNKNOWN_VALUE_TYPE;
                    }
                    type = ValueType.BOOLEAN;
                } else if (c == 'u' || c == 'n') {
                    if (!equalsAscii(d, offset, end, "null")) {
                        return UNKNOWN_VALUE_TYPE;
                    }
                    type = ValueType.NULL;
                } else if ((c >= '0' && c <= '9') || c == '-') {
                    type = ValueType.NUMBER;
                } else {
                    return UNKNOWN_VALUE_TYPE;
                }
                return located(out, type, offset, end, end);
            }
        }
    }

    private static @Nullable String located(ValueCursor out, ValueType type, int start, int end, int next) {
        out.type = type;
        out.start = start;
        out.end = end;
        out.next = next;
        return null;
    }

    private static boolean equalsAscii(byte[] d, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (d[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** jsonparser's {@code ObjectEach}: visits the members of the object in {@code d[from, to)}; returns an error. */
    static @Nullable String objectEach(byte[] d, int from, int to, MemberVisitor visitor) {
        int offset = nextToken(d, from, to);
        if (offset < 0 || d[offset] != '{') {
            return MALFORMED_OBJECT;
        }
        offset++;
        offset = nextToken(d, offset, to);
        if (offset < 0) {
            return MALFORMED_JSON;
        }
        if (d[offset] == '}') {
            return null;
        }
        while (offset < to) {
            byte c = d[offset];
            if (c == '}') {
                return null;
            }
            if (c != '"') {
                return MALFORMED_OBJECT;
            }
            offset++;
            int keyEnd = stringEnd(d, offset, to);
            if (keyEnd < 0) {
                return MALFORMED_JSON;
            }
            String key = unescape(d, offset, keyEnd - 1);
            if (key == null) {
                return MALFORMED_STRING_ESCAPE;
            }
            offset = nextToken(d, keyEnd, to);
            if (offset < 0 || d[offset] != ':') {
                return MALFORMED_JSON;
            }
            offset++;
            ValueOrError found = value(d, offset, to);
            Value v = found.value();
            if (v == null) {
                return found.error();
            }
            String error = visitor.member(key, d, v.start(), v.end(), v.type());
            if (error != null) {
                return error;
            }
            offset = nextToken(d, v.next(), to);
            if (offset < 0) {
                return MALFORMED_ARRAY;
            }
            if (d[offset] == '}') {
                return null;
            }
            if (d[offset] != ',') {
                return MALFORMED_OBJECT;
            }
            offset = nextToken(d, offset + 1, to);
            if (offset < 0) {
                return MALFORMED_ARRAY;
            }
        }
        return MALFORMED_OBJECT;
    }

    /** jsonparser's {@code Unescape} of a string body; null on an invalid escape. */
    static @Nullable String unescape(byte[] d, int from, int to) {
        int firstEscape = -1;
        for (int i = from; i < to; i++) {
            if (d[i] == '\\') {
                firstEscape = i;
                break;
            }
        }
        if (firstEscape < 0) {
            return new String(d, from, to - from, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(new String(d, from, firstEscape - from, StandardCharsets.UTF_8));
        int i = firstEscape;
        int plainStart = -1;
        while (i < to) {
            if (d[i] != '\\') {
                if (plainStart < 0) {
                    plainStart = i;
                }
                i++;
                continue;
            }
            if (plainStart >= 0) {
                out.append(new String(d, plainStart, i - plainStart, StandardCharsets.UTF_8));
                plainStart = -1;
            }
            if (i + 1 >= to) {
                return null;
            }
            byte e = d[i + 1];
            switch (e) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int high = hex4(d, i + 2, to);
                    if (high < 0) {
                        return null;
                    }
                    if (high < 0xD800 || high > 0xDFFF) {
                        out.append((char) high);
                        i += 6;
                        continue;
                    }
                    if (i + 7 >= to || d[i + 6] != '\\' || d[i + 7] != 'u') {
                        return null;
                    }
                    int low = hex4(d, i + 8, to);
                    if (low < 0xDC00) {
                        return null;
                    }
                    out.append((char) high).append((char) low);
                    i += 12;
                    continue;
                }
                default -> {
                    return null;
                }
            }
            i += 2;
        }
        if (plainStart >= 0) {
            out.append(new String(d, plainStart, to - plainStart, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex4(byte[] d, int from, int to) {
        if (from + 4 > to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(d[i], 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** Loki's {@code unescapeJSONString}: the unescaped text, or empty when invalid or holding U+FFFD. */
    static String labelValue(byte[] d, int from, int to) {
        String s = unescape(d, from, to);
        if (s == null || s.indexOf('\uFFFD') >= 0) {
            return "";
        }
        return s;
    }
}
