package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
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
    private final ParsedNameCache names = new ParsedNameCache();

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
        JsonScanner.ValueCursor cursor = new JsonScanner.ValueCursor();
        String error = h != null
                ? walk(line, 0, line.length, h.all(), 0, true, null, labels, cursor)
                : walk(line, 0, line.length, 0, 0, true, "", labels, cursor);
        if (error != null) {
            labels.setError(ErrorLabels.JSON_PARSER);
            labels.setErrorDetails(error);
        }
        return true;
    }

    /**
     * {@link JsonScanner#objectEach} over {@code d[from, to)}, setting a label for each string, number and boolean.
     * The path to the object is its name {@code prefix} when every label is extracted; under hints ({@code prefix}
     * null) it is the set of candidate names it still matches ({@code mask}) and its name length ({@code offset};
     * {@code top} while the path's name is empty). Returns the same error as {@code objectEach}.
     */
    private @Nullable String walk(
            byte[] d,
            int from,
            int to,
            long mask,
            int offset,
            boolean top,
            @Nullable String prefix,
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
            int keyEnd = JsonScanner.keyEnd(d, keyStart, to, value);
            if (keyEnd < 0) {
                return JsonScanner.MALFORMED_JSON;
            }
            int keyStop = keyEnd - 1;
            int keyFlags = value.keyFlags;
            String escapedKey = null;
            if ((keyFlags & JsonScanner.KEY_ESCAPED) != 0) {
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
            int next = value.next;
            error = prefix != null
                    ? member(d, keyStart, keyStop, escapedKey, prefix, labels, value)
                    : hintedMember(d, keyStart, keyStop, keyFlags, escapedKey, mask, offset, top, labels, value);
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

    /** One member when every label is extracted: its name comes from the cache unless the key is escaped. */
    private @Nullable String member(
            byte[] d,
            int keyStart,
            int keyStop,
            @Nullable String escapedKey,
            String prefix,
            LabelsBuilder labels,
            JsonScanner.ValueCursor value) {
        JsonScanner.ValueType type = value.type;
        if (type == JsonScanner.ValueType.ARRAY || type == JsonScanner.ValueType.NULL) {
            return null;
        }
        String name = escapedKey != null
                ? ParsedNameCache.compute(prefix, escapedKey)
                : names.name(prefix, d, keyStart, keyStop);
        if (type == JsonScanner.ValueType.OBJECT) {
            return walk(d, value.start, value.end, 0, 0, false, name, labels, value);
        }
        if (!name.isEmpty()) {
            labels.set(ParsedNames.extractedName(name, labels), value(d, value.start, value.end, type));
        }
        return null;
    }

    /** One member under hints: the key is matched as bytes and the value decoded only for a required label. */
    private @Nullable String hintedMember(
            byte[] d,
            int keyStart,
            int keyStop,
            int keyFlags,
            @Nullable String escapedKey,
            long mask,
            int offset,
            boolean top,
            LabelsBuilder labels,
            JsonScanner.ValueCursor value) {
        JsonScanner.ValueType type = value.type;
        boolean object = type == JsonScanner.ValueType.OBJECT;
        if (!object && (mask == 0 || type == JsonScanner.ValueType.ARRAY || type == JsonScanner.ValueType.NULL)) {
            return null;
        }
        if (mask == 0) {
            // Nothing under this key is required, but its members are still checked for errors.
            return walk(d, value.start, value.end, 0, 0, false, null, labels, value);
        }
        ParserHints h = java.util.Objects.requireNonNull(hints);
        long keyMask;
        int length;
        if (keyFlags == 0) {
            keyMask = h.narrow(mask, offset, top, d, keyStart, keyStop);
            length = ParserHints.length(offset, top, d, keyStart, keyStop);
        } else {
            String key = escapedKey != null
                    ? escapedKey
                    : new String(d, keyStart, keyStop - keyStart, StandardCharsets.UTF_8);
            String name = ParsedNames.sanitize(key, top);
            keyMask = h.narrow(mask, offset, top, name);
            length = top ? name.length() : offset + 1 + name.length();
        }
        if (object) {
            return walk(d, value.start, value.end, keyMask, length, top && length == 0, null, labels, value);
        }
        if (length > 0) {
            int index = h.exact(keyMask, length);
            String target = index < 0 ? null : h.target(index, labels);
            if (target != null) {
                labels.set(target, value(d, value.start, value.end, type));
            }
        }
        return null;
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
