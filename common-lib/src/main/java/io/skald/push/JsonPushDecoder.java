package io.skald.push;

import io.skald.labels.Labels;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes Loki's JSON push body with Jackson's streaming parser (no tree):
 * {@code {"streams":[{"stream":{"k":"v"},"values":[["<unix ns>","line",{"meta":"v"}]]}]}}.
 */
public final class JsonPushDecoder {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(64)
                    .build())
            .build();

    private JsonPushDecoder() {}

    /** Decodes a JSON body held in memory. */
    public static PushRequest decode(byte[] body, int offset, int length) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body, offset, length)) {
            return read(parser);
        } catch (JacksonException e) {
            throw PushDecodeException.badRequest(jsonMessage(e));
        }
    }

    /** Decodes a JSON body from a stream (for example a gzip stream); the caller closes it. */
    public static PushRequest decode(InputStream body) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            return read(parser);
        } catch (JacksonException e) {
            throw PushDecodeException.badRequest(jsonMessage(e));
        }
    }

    private static PushRequest read(JsonParser p) {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, "push request");
        List<PushStream> streams = new ArrayList<>();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            if (name.equals("streams")) {
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                expect(p, value, JsonToken.START_ARRAY, "streams");
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    expect(p, t, JsonToken.START_OBJECT, "stream");
                    streams.add(readStream(p));
                }
            } else {
                p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw invalid(p, "unexpected data after the push request");
        }
        return new PushRequest(streams);
    }

    private static PushStream readStream(JsonParser p) {
        @Nullable String labels = null;
        List<PushEntry> entries = List.of();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "stream" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        expect(p, value, JsonToken.START_OBJECT, "stream labels");
                        labels = readLabels(p);
                    }
                }
                case "values" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        expect(p, value, JsonToken.START_ARRAY, "values");
                        entries = readValues(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new PushStream(labels == null ? "{}" : labels, entries);
    }

    /**
     * Renders the label object as canonical stream text, as Loki does ({@code labels.FromMap(...).String()}): sorted
     * by name, a repeated key keeps its last value. Names are kept verbatim so that label parsing reports bad ones.
     */
    private static String readLabels(JsonParser p) {
        Labels.Builder labels = Labels.builder();
        String name;
        while ((name = p.nextName()) != null) {
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                throw invalid(p, "label value for \"" + name + "\" must be a string");
            }
            labels.set(name, p.getString());
        }
        return labels.build().toString();
    }

    private static List<PushEntry> readValues(JsonParser p) {
        List<PushEntry> entries = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(p, t, JsonToken.START_ARRAY, "value");
            entries.add(readValue(p));
        }
        return entries;
    }

    private static PushEntry readValue(JsonParser p) {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw invalid(p, "unexpected end of input");
        }
        long timestamp = switch (t) {
            case VALUE_STRING -> parseTimestamp(p, p.getString());
            case VALUE_NUMBER_INT -> p.getLongValue();
            default -> throw invalid(p, "timestamp must be a string of Unix nanoseconds");
        };
        t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) {
            throw invalid(p, "log line must be a string");
        }
        String line = p.getString();
        List<MetadataPair> metadata = List.of();
        t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            metadata = new ArrayList<>(4);
            String name;
            while ((name = p.nextName()) != null) {
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    throw invalid(p, "structured metadata value for \"" + name + "\" must be a string");
                }
                metadata.add(new MetadataPair(name, p.getString()));
            }
            t = p.nextToken();
        } else if (t == JsonToken.VALUE_NULL) {
            t = p.nextToken();
        }
        if (t != JsonToken.END_ARRAY) {
            throw invalid(p, "a value must be [timestamp, line] or [timestamp, line, {structured metadata}]");
        }
        return new PushEntry(timestamp, line, metadata);
    }

    private static long parseTimestamp(JsonParser p, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid(p, "timestamp \"" + text + "\" is not Unix nanoseconds");
        }
    }

    private static void expect(JsonParser p, @Nullable JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw invalid(p, what + ": expected " + describe(expected) + " but found " + describe(actual));
        }
    }

    private static String describe(@Nullable JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_OBJECT -> "end of object";
            case END_ARRAY -> "end of array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static PushDecodeException invalid(JsonParser p, String message) {
        return PushDecodeException.badRequest(
                "invalid push request JSON at offset " + p.currentLocation().getByteOffset() + ": " + message);
    }

    private static String jsonMessage(JacksonException e) {
        return "invalid push request JSON: " + e.getOriginalMessage();
    }
}
