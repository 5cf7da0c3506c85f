package io.skald.push;

import org.jspecify.annotations.Nullable;

/**
 * A quick, allocation-light scan of a JSON object line's top-level fields for {@link LevelDetector}: it collects the
 * scalar values of level fields and skips everything else without building a parser. Whatever it might read differently
 * from a JSON parser (escapes in keys or level values, level values other than strings and plain integers, malformed
 * structure at the top level) makes it answer {@link Outcome#UNSURE}, and the caller parses the line properly. Nested
 * values are skipped by bracket matching, unvalidated: only malformed JSON can tell the difference.
 */
final class JsonLevelScan {
    /** What the scan found out. */
    enum Outcome {
        /** The object was scanned to its end; {@code found} holds the level fields' values (possibly none). */
        FOUND,
        /** The line does not start with an object. */
        NOT_AN_OBJECT,
        /** The scan cannot be sure; parse the line. */
        UNSURE
    }

    private final String line;
    private int i;

    private JsonLevelScan(String line) {
        this.line = line;
    }

    /** Scans {@code line}, storing the value of level field {@code k} (last occurrence wins) in {@code found[k]}. */
    static Outcome scan(String line, @Nullable String[] found) {
        return new JsonLevelScan(line).object(found);
    }

    private Outcome object(@Nullable String[] found) {
        skipWhitespace();
        if (!at('{')) {
            return Outcome.NOT_AN_OBJECT;
        }
        i++;
        skipWhitespace();
        if (at('}')) {
            return Outcome.FOUND;
        }
        while (true) {
            if (!at('"')) {
                return Outcome.UNSURE;
            }
            int keyStart = i + 1;
            int keyEnd = line.indexOf('"', keyStart);
            if (keyEnd < 0 || line.lastIndexOf('\\', keyEnd) >= keyStart) {
                return Outcome.UNSURE; // unterminated, or an escape in the key
            }
            i = keyEnd + 1;
            skipWhitespace();
            if (!at(':')) {
                return Outcome.UNSURE;
            }
            i++;
            skipWhitespace();
            int field = LevelDetector.levelFieldIndex(line, keyStart, keyEnd);
            if (i >= line.length()) {
                return Outcome.UNSURE;
            }
            char c = line.charAt(i);
            if (c == '"') {
                int valueStart = i + 1;
                int valueEnd = skipString();
                if (valueEnd < 0) {
                    return Outcome.UNSURE;
                }
                if (field >= 0) {
                    if (line.lastIndexOf('\\', valueEnd) >= valueStart) {
                        return Outcome.UNSURE; // the parser would unescape it
                    }
                    found[field] = line.substring(valueStart, valueEnd);
                }
            } else if (c == '{' || c == '[') {
                if (!skipNested()) {
                    return Outcome.UNSURE;
                }
            } else {
                int valueStart = i;
                while (i < line.length() && isLiteralChar(line.charAt(i))) {
                    i++;
                }
                if (i == valueStart) {
                    return Outcome.UNSURE;
                }
                if (field >= 0) {
                    String literal = line.substring(valueStart, i);
                    if (!isPlainLiteral(literal)) {
                        return Outcome.UNSURE; // e.g. null, 1e3 or 1.50, which a parser may report differently
                    }
                    found[field] = literal;
                }
            }
            skipWhitespace();
            if (at('}')) {
                return Outcome.FOUND;
            }
            if (!at(',')) {
                return Outcome.UNSURE;
            }
            i++;
            skipWhitespace();
        }
    }

    /** At an opening quote: moves past the closing one; returns the closing quote's index, or -1. */
    private int skipString() {
        i++;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i++;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** At '{' or '[': moves past the matching bracket, skipping strings; false when the line ends first. */
    private boolean skipNested() {
        int depth = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                if (skipString() < 0) {
                    return false;
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    i++;
                    return true;
                }
            }
            i++;
        }
        return false;
    }

    private static boolean isLiteralChar(char c) {
        return (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '-'
                || c == '+'
                || c == '.';
    }

    /** A plain integer, which a parser reports exactly as written. */
    private static boolean isPlainLiteral(String literal) {
        int start = literal.charAt(0) == '-' ? 1 : 0;
        if (start == literal.length() || (literal.charAt(start) == '0' && literal.length() > start + 1)) {
            return false;
        }
        for (int k = start; k < literal.length(); k++) {
            if (literal.charAt(k) < '0' || literal.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean at(char c) {
        return i < line.length() && line.charAt(i) == c;
    }

    private void skipWhitespace() {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            i++;
        }
    }
}
