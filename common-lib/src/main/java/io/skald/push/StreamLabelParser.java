package io.skald.push;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Parses Loki stream label text, {@code {app="api", env="prod"}}, the way Prometheus' {@code ParseMetric} does: an
 * optional metric name, a brace-enclosed list of {@code name="value"} pairs (an optional trailing comma), values as Go
 * string literals in double quotes, single quotes or backticks. Errors are worded like Prometheus'
 * ({@code 1:<col>: parse error: <what>}).
 */
public final class StreamLabelParser {
    private static final String METRIC_NAME = "__name__";

    private final String text;
    private int pos;

    private StreamLabelParser(String text) {
        this.text = text;
    }

    /** Parses one label text; never throws. */
    public static StreamLabels parse(String text) {
        StreamLabelParser parser = new StreamLabelParser(text);
        try {
            return parser.parseMetric();
        } catch (ParseError e) {
            return new StreamLabels.Invalid(e.getMessage());
        }
    }

    private StreamLabels.Valid parseMetric() {
        List<String> names = new ArrayList<>(8);
        List<String> values = new ArrayList<>(8);
        skipSpace();
        if (pos >= text.length()) {
            throw error(pos, "unexpected end of input");
        }
        if (isNameStart(text.charAt(pos))) {
            int start = pos;
            while (pos < text.length() && (isNameChar(text.charAt(pos)) || text.charAt(pos) == ':')) {
                pos++;
            }
            names.add(METRIC_NAME);
            values.add(text.substring(start, pos));
            skipSpace();
            if (pos >= text.length()) {
                return build(names, values);
            }
        }
        if (text.charAt(pos) != '{') {
            throw unexpected(pos, "expected \"{\"");
        }
        pos++;
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                throw error(pos, "unexpected end of input inside braces");
            }
            char c = text.charAt(pos);
            if (c == '}') {
                pos++;
                break;
            }
            if (!isNameStart(c)) {
                throw unexpected(pos, "in label set, expected identifier or \"}\"");
            }
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            String name = text.substring(start, pos);
            skipSpace();
            if (pos >= text.length()) {
                throw error(pos, "unexpected end of input inside braces");
            }
            if (text.charAt(pos) != '=' || (pos + 1 < text.length() && "=~".indexOf(text.charAt(pos + 1)) >= 0)) {
                throw unexpected(pos, "in label set, expected \"=\"");
            }
            pos++;
            skipSpace();
            if (pos >= text.length()) {
                throw error(pos, "unexpected end of input inside braces");
            }
            String value = readString();
            names.add(name);
            values.add(value);
            skipSpace();
            if (pos >= text.length()) {
                throw error(pos, "unexpected end of input inside braces");
            }
            c = text.charAt(pos);
            if (c == ',') {
                pos++;
            } else if (c != '}') {
                throw unexpected(pos, "in label set, expected \",\" or \"}\"");
            }
        }
        skipSpace();
        if (pos < text.length()) {
            throw unexpected(pos, "expected end of input");
        }
        return build(names, values);
    }

    private static StreamLabels.Valid build(List<String> names, List<String> values) {
        Labels.Builder builder = Labels.builder();
        int count = 0;
        @Nullable String duplicate = null;
        for (int i = 0; i < names.size(); i++) {
            String value = values.get(i);
            if (value.isEmpty()) {
                continue; // Loki drops empty values early: they equal absent labels
            }
            String name = names.get(i);
            count++;
            if (builder.get(name) != null && (duplicate == null || name.compareTo(duplicate) < 0)) {
                duplicate = name;
            }
            builder.set(name, value);
        }
        return new StreamLabels.Valid(builder.build(), count, duplicate);
    }

    /** A Go string literal: double-quoted with escapes, single-quoted, or a raw backtick string. */
    private String readString() {
        int start = pos;
        char quote = text.charAt(pos);
        if (quote != '"' && quote != '\'' && quote != '`') {
            throw unexpected(pos, "in label set, expected string");
        }
        pos++;
        StringBuilder out = null;
        int runStart = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error(start, "unterminated quoted string");
            }
            char c = text.charAt(pos);
            if (c == quote) {
                String value = out == null
                        ? text.substring(runStart, pos)
                        : out.append(text, runStart, pos).toString();
                pos++;
                return value;
            }
            if (quote != '`' && c == '\n') {
                throw error(start, "unterminated quoted string");
            }
            if (c == '\\' && quote != '`') {
                if (out == null) {
                    out = new StringBuilder(pos - runStart + 16);
                }
                out.append(text, runStart, pos);
                readEscape(out, quote);
                runStart = pos;
            } else {
                pos++;
            }
        }
    }

    private void readEscape(StringBuilder out, char quote) {
        int start = pos;
        pos++; // the backslash
        if (pos >= text.length()) {
            throw error(start, "unterminated quoted string");
        }
        char c = text.charAt(pos++);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case '\\' -> out.append('\\');
            case '"', '\'' -> {
                if (c != quote) {
                    throw error(start, "unknown escape sequence");
                }
                out.append(c);
            }
            case 'x' -> out.append((char) readDigits(start, 2, 16));
            case 'u' -> out.appendCodePoint(readCodePoint(start, 4));
            case 'U' -> out.appendCodePoint(readCodePoint(start, 8));
            default -> {
                if (c >= '0' && c <= '7') {
                    pos--;
                    int value = readDigits(start, 3, 8);
                    if (value > 255) {
                        throw error(start, "unknown escape sequence");
                    }
                    out.append((char) value);
                } else {
                    throw error(start, "unknown escape sequence");
                }
            }
        }
    }

    private int readCodePoint(int start, int digits) {
        int value = readDigits(start, digits, 16);
        if (value > Character.MAX_CODE_POINT || (value >= 0xD800 && value < 0xE000)) {
            throw error(start, "unknown escape sequence");
        }
        return value;
    }

    private int readDigits(int start, int count, int radix) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (pos >= text.length()) {
                throw error(start, "unterminated quoted string");
            }
            int digit = Character.digit(text.charAt(pos), radix);
            if (digit < 0) {
                throw error(start, "unknown escape sequence");
            }
            value = value * radix + digit;
            pos++;
        }
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private ParseError unexpected(int at, String expectation) {
        return error(at, "unexpected character: " + quoteChar(text.charAt(at)) + " " + expectation);
    }

    private static String quoteChar(char c) {
        StringBuilder out = new StringBuilder("'");
        if (c == '\'') {
            out.append("\\'");
        } else {
            Labels.appendEscaped(out, String.valueOf(c));
        }
        return out.append('\'').toString();
    }

    /** Prometheus' position prefix: line and 1-based column of the offending byte. */
    private ParseError error(int at, String message) {
        int line = 1;
        int lastBreak = -1;
        for (int i = 0; i < at && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lastBreak = i;
            }
        }
        return new ParseError(line + ":" + (at - lastBreak) + ": parse error: " + message);
    }

    /** Internal control flow for a parse failure; never escapes {@link #parse(String)}. */
    private static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseError(String message) {
            super(message, null, false, false);
        }

        @Override
        public String getMessage() {
            String message = super.getMessage();
            return message == null ? "parse error" : message;
        }
    }
}
