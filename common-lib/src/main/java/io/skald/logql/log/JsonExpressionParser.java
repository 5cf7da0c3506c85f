package io.skald.logql.log;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code | json a="x.y", b="arr[0]"}: extracts only the named paths. A path that is absent gives an empty label; an
 * object or array value keeps its JSON text; a line that does not start like JSON, or is malformed on the way to a
 * path, gets {@code __error__="JSONParserErr"} (without details, like Loki).
 */
public final class JsonExpressionParser implements Stage {

    /** One extraction: the label to set and the path to read. */
    public record Extraction(String label, JsonPath path) {
        /** Parses the path expression. */
        public static Extraction of(String label, String expression) {
            if (!ParsedNames.isValidLabelName(label)) {
                throw new IllegalArgumentException("invalid extracted label name '" + label + "'");
            }
            return new Extraction(label, JsonPath.parse(expression));
        }
    }

    private final List<Extraction> extractions;

    public JsonExpressionParser(List<Extraction> extractions) {
        this.extractions = List.copyOf(extractions);
    }

    public List<Extraction> extractions() {
        return extractions;
    }

    @Override
    public boolean process(PipelineEntry entry) {
        byte[] line = entry.line();
        LabelsBuilder labels = entry.labels();
        if (line.length == 0) {
            return true;
        }
        byte first = line[0];
        if (first != '"' && first != '{' && first != '[') {
            labels.setError(ErrorLabels.JSON_PARSER);
            return true;
        }
        for (Extraction extraction : extractions) {
            Lookup found = lookup(line, extraction.path.parts());
            String name = extraction.label;
            if (found.error) {
                labels.setError(ErrorLabels.JSON_PARSER);
            } else if (found.value != null) {
                labels.set(ParsedNames.extractedName(name, labels), found.value);
                continue;
            }
            if (labels.get(name) == null) {
                labels.set(name, "");
            }
        }
        return true;
    }

    private record Lookup(@Nullable String value, boolean error) {}

    private static Lookup lookup(byte[] data, List<Object> parts) {
        int start = 0;
        int end = data.length;
        JsonScanner.ValueOrError current = JsonScanner.value(data, start, end);
        for (Object part : parts) {
            JsonScanner.Value value = current.value();
            if (value == null) {
                return new Lookup(null, true);
            }
            if (part instanceof String key) {
                if (value.type() != JsonScanner.ValueType.OBJECT) {
                    return new Lookup(null, false);
                }
                JsonScanner.Value[] match = new JsonScanner.Value[1];
                String error = JsonScanner.objectEach(data, value.start(), value.end(), (k, d, s, e, t) -> {
                    if (k.equals(key)) {
                        int valueStart = t == JsonScanner.ValueType.STRING ? s - 1 : s;
                        match[0] = new JsonScanner.Value(t, valueStart, e, e);
                    }
                    return null;
                });
                if (error != null && match[0] == null) {
                    return new Lookup(null, true);
                }
                if (match[0] == null) {
                    return new Lookup(null, false);
                }
                current = JsonScanner.value(data, match[0].start(), data.length);
            } else {
                int index = (Integer) part;
                if (value.type() != JsonScanner.ValueType.ARRAY) {
                    return new Lookup(null, false);
                }
                JsonScanner.Value element = arrayElement(data, value, index);
                if (element == null) {
                    return new Lookup(null, false);
                }
                current = JsonScanner.value(data, element.start(), data.length);
            }
        }
        JsonScanner.Value value = current.value();
        if (value == null) {
            return new Lookup(null, true);
        }
        String text = switch (value.type()) {
            case STRING -> JsonScanner.labelValue(data, value.start(), value.end());
            case NULL -> "";
            case NUMBER, BOOLEAN, OBJECT, ARRAY ->
                new String(data, value.start(), value.end() - value.start(), StandardCharsets.UTF_8);
        };
        return new Lookup(text, false);
    }

    private static JsonScanner.@Nullable Value arrayElement(byte[] data, JsonScanner.Value array, int index) {
        int offset = array.start() + 1;
        int end = array.end() - 1;
        int i = 0;
        while (true) {
            offset = JsonScanner.nextToken(data, offset, end);
            if (offset < 0 || data[offset] == ']') {
                return null;
            }
            JsonScanner.ValueOrError element = JsonScanner.value(data, offset, end);
            JsonScanner.Value value = element.value();
            if (value == null) {
                return null;
            }
            if (i == index) {
                int valueStart = value.type() == JsonScanner.ValueType.STRING ? value.start() - 1 : value.start();
                return new JsonScanner.Value(value.type(), valueStart, value.end(), value.next());
            }
            i++;
            offset = JsonScanner.nextToken(data, value.next(), end);
            if (offset < 0 || data[offset] != ',') {
                return null;
            }
            offset++;
        }
    }
}
