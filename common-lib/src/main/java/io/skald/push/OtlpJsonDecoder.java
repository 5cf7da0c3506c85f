package io.skald.push;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes OTLP/JSON logs ({@code {"resourceLogs":[...]}}) with Jackson's streaming parser into {@link OtlpLogs}. Field
 * names match case-insensitively with or without underscores ({@code timeUnixNano} or {@code time_unix_nano}); 64-bit
 * integers may be numbers or strings; trace and span ids are hex, bytes values base64, as the OTLP/JSON spec says.
 */
final class OtlpJsonDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(100)
                    .build())
            .build();
    private static final List<String> SEVERITIES = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");

    private OtlpJsonDecoder() {}

    static List<OtlpLogs.ResourceLogs> decode(byte[] body) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            List<OtlpLogs.ResourceLogs> result = new ArrayList<>();
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken t = p.nextToken();
                if (key(name).equals("resourcelogs") && t == JsonToken.START_ARRAY) {
                    while (nextInArray(p)) {
                        result.add(readResourceLogs(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            return result;
        } catch (JacksonException e) {
            throw PushDecodeException.badRequest("invalid OTLP JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw PushDecodeException.badRequest("invalid OTLP JSON: " + e.getMessage());
        }
    }

    private static OtlpLogs.ResourceLogs readResourceLogs(JsonParser p) {
        List<OtlpLogs.Attribute> resource = List.of();
        List<OtlpLogs.ScopeLogs> scopes = new ArrayList<>();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (key(name)) {
                case "resource" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String inner;
                        while ((inner = p.nextName()) != null) {
                            JsonToken v = p.nextToken();
                            if (key(inner).equals("attributes") && v == JsonToken.START_ARRAY) {
                                resource = readAttributes(p, 0);
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "scopelogs" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (nextInArray(p)) {
                            scopes.add(readScopeLogs(p));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new OtlpLogs.ResourceLogs(resource, scopes);
    }

    private static OtlpLogs.ScopeLogs readScopeLogs(JsonParser p) {
        String scopeName = "";
        String version = "";
        List<OtlpLogs.Attribute> attributes = List.of();
        int dropped = 0;
        List<OtlpLogs.LogRecord> records = new ArrayList<>();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (key(name)) {
                case "scope" -> {
                    if (t == JsonToken.START_OBJECT) {
                        String inner;
                        while ((inner = p.nextName()) != null) {
                            JsonToken v = p.nextToken();
                            switch (key(inner)) {
                                case "name" -> scopeName = string(p, v);
                                case "version" -> version = string(p, v);
                                case "attributes" -> attributes = readAttributes(p, 0);
                                case "droppedattributescount" -> dropped = (int) integer(p, v);
                                default -> p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                case "logrecords" -> {
                    if (t == JsonToken.START_ARRAY) {
                        while (nextInArray(p)) {
                            records.add(readLogRecord(p));
                        }
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new OtlpLogs.ScopeLogs(scopeName, version, attributes, dropped, records);
    }

    private static OtlpLogs.LogRecord readLogRecord(JsonParser p) {
        long time = 0;
        long observed = 0;
        int severityNumber = 0;
        String severityText = "";
        OtlpLogs.Value body = new OtlpLogs.Value.Empty();
        List<OtlpLogs.Attribute> attributes = List.of();
        int dropped = 0;
        int flags = 0;
        byte[] traceId = new byte[0];
        byte[] spanId = new byte[0];
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken t = p.nextToken();
            switch (key(name)) {
                case "timeunixnano" -> time = integer(p, t);
                case "observedtimeunixnano" -> observed = integer(p, t);
                case "severitynumber" -> severityNumber = severity(p, t);
                case "severitytext" -> severityText = string(p, t);
                case "body" -> body = readAnyValue(p, t, 0);
                case "attributes" -> attributes = readAttributes(p, 0);
                case "droppedattributescount" -> dropped = (int) integer(p, t);
                case "flags" -> flags = (int) integer(p, t);
                case "traceid" -> traceId = hex(p, t);
                case "spanid" -> spanId = hex(p, t);
                default -> p.skipChildren();
            }
        }
        return new OtlpLogs.LogRecord(
                time, observed, severityNumber, severityText, body, attributes, dropped, flags, traceId, spanId);
    }

    /** An array of {@code {"key":..,"value":{..}}}; the parser is on its START_ARRAY (or null). */
    private static List<OtlpLogs.Attribute> readAttributes(JsonParser p, int depth) {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<OtlpLogs.Attribute> attributes = new ArrayList<>();
        while (nextInArray(p)) {
            String attributeKey = "";
            OtlpLogs.Value value = new OtlpLogs.Value.Empty();
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken t = p.nextToken();
                switch (key(name)) {
                    case "key" -> attributeKey = string(p, t);
                    case "value" -> value = readAnyValue(p, t, depth + 1);
                    default -> p.skipChildren();
                }
            }
            attributes.add(new OtlpLogs.Attribute(attributeKey, value));
        }
        return attributes;
    }

    private static OtlpLogs.Value readAnyValue(JsonParser p, @Nullable JsonToken t, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("AnyValue nested too deeply");
        }
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new OtlpLogs.Value.Empty();
        }
        OtlpLogs.Value value = new OtlpLogs.Value.Empty();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            value = switch (key(name)) {
                case "stringvalue" -> new OtlpLogs.Value.Str(string(p, v));
                case "boolvalue" -> new OtlpLogs.Value.Bool(v == JsonToken.VALUE_TRUE || "true".equals(text(p, v)));
                case "intvalue" -> new OtlpLogs.Value.Int(integer(p, v));
                case "doublevalue" -> new OtlpLogs.Value.Double(number(p, v));
                case "bytesvalue" -> new OtlpLogs.Value.Bytes(base64(string(p, v)));
                case "arrayvalue" -> new OtlpLogs.Value.Array(readValues(p, v, depth));
                case "kvlistvalue" -> new OtlpLogs.Value.KvList(readKvList(p, v, depth));
                default -> {
                    p.skipChildren();
                    yield value;
                }
            };
        }
        return value;
    }

    private static List<OtlpLogs.Value> readValues(JsonParser p, @Nullable JsonToken t, int depth) {
        List<OtlpLogs.Value> values = new ArrayList<>();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return values;
        }
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if (key(name).equals("values") && v == JsonToken.START_ARRAY) {
                JsonToken element;
                while ((element = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (element == null) {
                        throw new IllegalArgumentException("unexpected end of input");
                    }
                    values.add(readAnyValue(p, element, depth + 1));
                }
            } else {
                p.skipChildren();
            }
        }
        return values;
    }

    private static List<OtlpLogs.Attribute> readKvList(JsonParser p, @Nullable JsonToken t, int depth) {
        List<OtlpLogs.Attribute> values = List.of();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return values;
        }
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            if (key(name).equals("values")) {
                values = readAttributes(p, depth + 1);
            } else {
                p.skipChildren();
            }
        }
        return values;
    }

    /** Advances to the next element of the current array; true when it is an object to read. */
    private static boolean nextInArray(JsonParser p) {
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("unexpected end of input");
            }
            if (t == JsonToken.END_ARRAY) {
                return false;
            }
            if (t == JsonToken.START_OBJECT) {
                return true;
            }
            p.skipChildren(); // nulls and other junk elements are ignored
        }
    }

    private static String key(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    private static @Nullable String text(JsonParser p, @Nullable JsonToken t) {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getString();
        }
        p.skipChildren();
        return null;
    }

    private static String string(JsonParser p, @Nullable JsonToken t) {
        if (t == JsonToken.VALUE_NULL) {
            return "";
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException("expected a string for \"" + p.currentName() + "\"");
        }
        return p.getString();
    }

    private static long integer(JsonParser p, @Nullable JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return 0;
        }
        String text = t == JsonToken.VALUE_STRING ? p.getString() : null;
        if (text != null) {
            try {
                return text.isEmpty() ? 0 : Long.parseUnsignedLong(text);
            } catch (NumberFormatException e) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException again) {
                    // fall through to the error below
                }
            }
        }
        throw new IllegalArgumentException("expected an integer for \"" + p.currentName() + "\"");
    }

    private static double number(JsonParser p, @Nullable JsonToken t) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getString();
            return switch (text) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> {
                    try {
                        yield Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a number for \"" + p.currentName() + "\"", e);
                    }
                }
            };
        }
        throw new IllegalArgumentException("expected a number for \"" + p.currentName() + "\"");
    }

    private static int severity(JsonParser p, @Nullable JsonToken t) {
        if (t == JsonToken.VALUE_STRING) {
            String text = p.getString().trim().toUpperCase(Locale.ROOT);
            if (text.startsWith("SEVERITY_NUMBER_")) {
                String level = text.substring("SEVERITY_NUMBER_".length());
                if (level.equals("UNSPECIFIED")) {
                    return 0;
                }
                int suffix = 1;
                char last = level.charAt(level.length() - 1);
                if (last >= '2' && last <= '4') {
                    suffix = last - '0';
                    level = level.substring(0, level.length() - 1);
                }
                int index = SEVERITIES.indexOf(level);
                if (index >= 0) {
                    return index * 4 + suffix;
                }
                throw new IllegalArgumentException("unknown severity number \"" + text + "\"");
            }
        }
        return (int) integer(p, t);
    }

    private static byte[] hex(JsonParser p, @Nullable JsonToken t) {
        String text = string(p, t);
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid hex id \"" + text + "\"", e);
        }
    }

    private static byte[] base64(String text) {
        try {
            return java.util.Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64 bytes value", e);
        }
    }

    private static void expect(JsonParser p, @Nullable JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + " at offset "
                    + p.currentLocation().getByteOffset() + " but found " + actual);
        }
    }
}
