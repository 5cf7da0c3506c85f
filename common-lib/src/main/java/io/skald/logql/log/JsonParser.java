package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code | json}: every string, number and boolean of the line's JSON object becomes a label, nested keys joined with
 * {@code _} ({@code {"user":{"id":1}}} gives {@code user_id="1"}); arrays and nulls are skipped; numbers keep their
 * text. On malformed JSON the labels found so far stay and {@code __error__="JSONParserErr"} is set with jsonparser's
 * message as details.
 */
public final class JsonParser implements Stage {
    private final Map<String, String> sanitized = new ConcurrentHashMap<>();

    @Override
    public boolean process(PipelineEntry entry) {
        LabelsBuilder labels = entry.labels();
        byte[] line = entry.line();
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
