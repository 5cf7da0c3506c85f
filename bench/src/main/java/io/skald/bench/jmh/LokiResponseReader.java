package io.skald.bench.jmh;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the {@code streams} and {@code matrix} bodies {@code LokiJson.writeQueryResponse} writes (with
 * {@code categorize-labels}) back into results, with Jackson's streaming parser: the JSON baseline of the result
 * transport benchmarks, as a frontend reading the querier's HTTP body would. Not a general Loki client.
 */
final class LokiResponseReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxDocumentLength(Long.MAX_VALUE)
                    .build())
            .build();

    private LokiResponseReader() {}

    static QueryResult read(byte[] body) {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            QueryResult result = null;
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                if (name.equals("data")) {
                    result = readData(p);
                } else {
                    p.skipChildren();
                }
            }
            if (result == null) {
                throw new IllegalArgumentException("no data");
            }
            return result;
        }
    }

    private static QueryResult readData(JsonParser p) {
        String type = null;
        QueryResult result = null;
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            switch (name) {
                case "resultType" -> type = p.getString();
                case "result" -> {
                    if ("streams".equals(type)) {
                        result = readStreams(p);
                    } else if ("matrix".equals(type)) {
                        result = readMatrix(p);
                    } else {
                        throw new IllegalArgumentException("unsupported or late resultType " + type);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (result == null) {
            throw new IllegalArgumentException("no result");
        }
        return result;
    }

    private static QueryResult.Streams readStreams(JsonParser p) {
        List<LogStream> streams = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Labels labels = Labels.EMPTY;
            List<LogEntry> entries = new ArrayList<>();
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                switch (name) {
                    case "stream" -> labels = readLabels(p);
                    case "values" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            p.nextToken();
                            long timestamp = Long.parseLong(p.getString());
                            p.nextToken();
                            String line = p.getString();
                            Labels metadata = Labels.EMPTY;
                            Labels parsed = Labels.EMPTY;
                            if (p.nextToken() == JsonToken.START_OBJECT) {
                                String category;
                                while ((category = p.nextName()) != null) {
                                    p.nextToken();
                                    if (category.equals("structuredMetadata")) {
                                        metadata = readLabels(p);
                                    } else if (category.equals("parsed")) {
                                        parsed = readLabels(p);
                                    } else {
                                        p.skipChildren();
                                    }
                                }
                                p.nextToken();
                            }
                            entries.add(new LogEntry(timestamp, line, metadata, parsed));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            streams.add(new LogStream(labels, entries));
        }
        return new QueryResult.Streams(streams);
    }

    private static QueryResult.Matrix readMatrix(JsonParser p) {
        List<Series> series = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Labels labels = Labels.EMPTY;
            long[] timestamps = new long[64];
            double[] values = new double[64];
            int n = 0;
            String name;
            while ((name = p.nextName()) != null) {
                p.nextToken();
                switch (name) {
                    case "metric" -> labels = readLabels(p);
                    case "values" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            if (n == timestamps.length) {
                                timestamps = Arrays.copyOf(timestamps, n * 2);
                                values = Arrays.copyOf(values, n * 2);
                            }
                            p.nextToken();
                            timestamps[n] = millis(p);
                            p.nextToken();
                            values[n++] = value(p.getString());
                            p.nextToken();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            series.add(new Series(labels, Arrays.copyOf(timestamps, n), Arrays.copyOf(values, n)));
        }
        return new QueryResult.Matrix(series);
    }

    /**
     * Seconds with up to three decimals, as LokiJson writes them, to milliseconds: exact through a double, whose
     * error at epoch magnitudes is far below half a millisecond.
     */
    private static long millis(JsonParser p) {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue() * 1000;
        }
        return Math.round(p.getDoubleValue() * 1000);
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static Labels readLabels(JsonParser p) {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Labels.Builder builder = Labels.builder();
        String name;
        while ((name = p.nextName()) != null) {
            p.nextToken();
            builder.set(name, p.getString());
        }
        return builder.build();
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + ", got " + actual);
        }
    }
}
