package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code | json}: every string, number and boolean of the line's JSON object becomes a label, nested keys joined with
 * {@code _} ({@code {"user":{"id":1}}} gives {@code user_id="1"}); arrays and nulls are skipped; numbers keep their
 * text. On malformed JSON the labels found so far stay and {@code __error__="JSONParserErr"} is set with jsonparser's
 * message as details. With {@link ParserHints} it extracts only the required labels: keys are matched as bytes and
 * skipped ones are never decoded, but the whole line is still walked so that errors are found exactly as without
 * hints.
 */
public final class JsonParser implements Stage {
    private final @Nullable ParserHints hints;
    private final Map<String, String> sanitized = new ConcurrentHashMap<>();

    /** A parser extracting every label. */
    public JsonParser() {
        this(null);
    }

    /** A parser extracting only the labels of {@code hints} (every label when null). */
    public JsonParser(@Nullable ParserHints hints) {
        this.hints = hints;
    }

    /** The hints this parser extracts by, null when it extracts every label. */
    public @Nullable ParserHints hints() {
        return hints;
    }

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        byte[] line = entry.line();
        ParserHints h = hints;
        if (h != null) {
            String error = walk(line, 0, line.length, h.all(), 0, true, h, labels, new JsonScanner.ValueCursor());
            if (error != null) {
                labels.setError(ErrorLabels.JSON_PARSER);
                labels.setErrorDetails(error);
            }
            return true;
        }
        String error = JsonScanner.objectEach(
                line, 0, line.length, (key, data, start, end, type) -> member("", key, data, start, end, type, labels));
        if (error != null) {
            labels.setError(ErrorLabels.JSON_PARSER);
            labels.setErrorDetails(error);
        }
        return true;
    }

    private @Nullable String member(
            String prefix,
            String key,
            byte[] data,
            int start,
            int end,
            JsonScanner.ValueType type,
            LabelsBuilder labels) {
        switch (type) {
            case STRING, NUMBER, BOOLEAN -> {
                String name = prefix.isEmpty() ? sanitize(key) : prefix + '_' + sanitizeNested(key);
                if (name.isEmpty()) {
                    return null;
                }
                labels.set(ParsedNames.extractedName(name, labels), value(data, start, end, type));
                return null;
            }
            case OBJECT -> {
                String nested = prefix.isEmpty() ? sanitize(key) : prefix + '_' + sanitizeNested(key);
                return JsonScanner.objectEach(
                        data, start, end, (k, d, s, e, t) -> member(nested, k, d, s, e, t, labels));
            }
            case ARRAY, NULL -> {
                return null;
            }
        }
        return null;
    }

    /**
     * {@link JsonScanner#objectEach} over {@code d[from, to)} with the parser's member rules, tracking the path as the
     * set of candidate names it still matches ({@code mask}) and its name length ({@code offset}; {@code top} while
     * the path's name is empty). Returns the same error as {@code objectEach}.
     */
    private static @Nullable String walk(
            byte[] d,
            int from,
            int to,
            long mask,
            int offset,
            boolean top,
            ParserHints hints,
            LabelsBuilder labels,
            JsonScanner.ValueCursor value) {
        int pos = JsonScanner.nextToken(d, from, to);
        if (pos < 0 || d[pos] != '{') {
            return JsonScanner.MALFORMED_OBJECT;
        }
        pos = JsonScanner.nextToken(d, pos + 1, to);
        if (pos < 0) {
            return JsonScanner.MALFORMED_JSON;
        }
        if (d[pos] == '}') {
            return null;
        }
        while (pos < to) {
            byte c = d[pos];
            if (c == '}') {
                return null;
            }
            if (c != '"') {
                return JsonScanner.MALFORMED_OBJECT;
            }
            int keyStart = pos + 1;
            int keyEnd = JsonScanner.stringEnd(d, keyStart, to);
            if (keyEnd < 0) {
                return JsonScanner.MALFORMED_JSON;
            }
            int keyStop = keyEnd - 1;
            String escapedKey = null;
            if (JsonScanner.hasEscape(d, keyStart, keyStop)) {
                escapedKey = JsonScanner.unescape(d, keyStart, keyStop);
                if (escapedKey == null) {
                    return JsonScanner.MALFORMED_STRING_ESCAPE;
                }
            }
            pos = JsonScanner.nextToken(d, keyEnd, to);
            if (pos < 0 || d[pos] != ':') {
                return JsonScanner.MALFORMED_JSON;
            }
            String error = JsonScanner.locate(d, pos + 1, to, value);
            if (error != null) {
                return error;
            }
            JsonScanner.ValueType type = value.type;
            int valueStart = value.start;
            int valueEnd = value.end;
            int next = value.next;
            boolean object = type == JsonScanner.ValueType.OBJECT;
            boolean leaf = type == JsonScanner.ValueType.STRING
                    || type == JsonScanner.ValueType.NUMBER
                    || type == JsonScanner.ValueType.BOOLEAN;
            if (mask == 0) {
                if (object) {
                    // Nothing under this key is required, but its members are still checked for errors.
                    error = walk(d, valueStart, valueEnd, 0, 0, false, hints, labels, value);
                }
            } else if (object || leaf) {
                long keyMask;
                int length;
                if (escapedKey == null && ParserHints.ascii(d, keyStart, keyStop)) {
                    keyMask = hints.narrow(mask, offset, top, d, keyStart, keyStop);
                    length = ParserHints.length(offset, top, d, keyStart, keyStop);
                } else {
                    String key = escapedKey != null
                            ? escapedKey
                            : new String(d, keyStart, keyStop - keyStart, StandardCharsets.UTF_8);
                    String name = ParsedNames.sanitize(key, top);
                    keyMask = hints.narrow(mask, offset, top, name);
                    length = top ? name.length() : offset + 1 + name.length();
                }
                if (object) {
                    error = walk(d, valueStart, valueEnd, keyMask, length, top && length == 0, hints, labels, value);
                } else if (length > 0) {
                    int index = hints.exact(keyMask, length);
                    String target = index < 0 ? null : hints.target(index, labels);
                    if (target != null) {
                        labels.set(target, value(d, valueStart, valueEnd, type));
                    }
                }
            }
            if (error != null) {
                return error;
            }
            pos = JsonScanner.nextToken(d, next, to);
            if (pos < 0) {
                return JsonScanner.MALFORMED_ARRAY;
            }
            if (d[pos] == '}') {
                return null;
            }
            if (d[pos] != ',') {
                return JsonScanner.MALFORMED_OBJECT;
            }
            pos = JsonScanner.nextToken(d, pos + 1, to);
            if (pos < 0) {
                return JsonScanner.MALFORMED_ARRAY;
            }
        }
        return JsonScanner.MALFORMED_OBJECT;
    }

    private String sanitize(String key) {
        String cached = sanitized.get(key);
        if (cached != null) {
            return cached;
        }
        String name = ParsedNames.sanitize(key, true);
        if (sanitized.size() < ParsedNames.CACHE_LIMIT) {
            sanitized.put(key, name);
        }
        return name;
    }

    private static String sanitizeNested(String key) {
        return ParsedNames.sanitize(key, false);
    }

    static String value(byte[] data, int start, int end, JsonScanner.ValueType type) {
        return switch (type) {
            case STRING -> JsonScanner.labelValue(data, start, end);
            case NUMBER -> new String(data, start, end - start, StandardCharsets.UTF_8);
            case BOOLEAN -> data[start] == 't' ? "true" : "false";
            case NULL, OBJECT, ARRAY -> "";
        };
    }
}
