package io.skald.frontend.scheduler;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a querier's query response body ({@code {"status":"success","data":{"resultType":...,"result":[...]}}}, as
 * {@link io.skald.api.LokiJson} writes it) back into a {@link QueryResult}, so the frontend can merge sub-query results.
 */
public final class QueryResponseDecoder {
    // Timestamps are JSON numbers with millisecond decimals: read them exactly, not through a double.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private QueryResponseDecoder() {}

    /** The result in {@code body}; {@link IllegalArgumentException} when it is not a query response. */
    public static QueryResult decode(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("querier answered malformed JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode data = root.path("data");
        JsonNode result = data.path("result");
        String type = data.path("resultType").asString("");
        return switch (type) {
            case "streams" -> streams(result);
            case "matrix" -> matrix(result);
            case "vector" -> vector(result);
            case "scalar" -> new QueryResult.Scalar(millis(result.path(0)), value(result.path(1)));
            default -> throw new IllegalArgumentException("querier answered an unknown resultType: " + type);
        };
    }

    /** The {@code bytes} of an {@code index/stats} answer; {@link IllegalArgumentException} when it has none. */
    public static long indexStatsBytes(byte[] body) {
        JsonNode bytes;
        try {
            bytes = JSON.readTree(body).path("bytes");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("querier answered malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!bytes.isNumber()) {
            throw new IllegalArgumentException("index stats answer without bytes");
        }
        return bytes.asLong();
    }

    private static QueryResult.Streams streams(JsonNode result) {
        List<LogStream> streams = new ArrayList<>(result.size());
        for (JsonNode stream : result) {
            Labels labels = labels(stream.path("stream"));
            JsonNode values = stream.path("values");
            List<LogEntry> entries = new ArrayList<>(values.size());
            for (JsonNode value : values) {
                long ts = Long.parseLong(value.path(0).asString());
                String line = value.path(1).asString();
                JsonNode categories = value.path(2);
                if (categories.isObject()) {
                    entries.add(new LogEntry(
                            ts,
                            line,
                            labels(categories.path("structuredMetadata")),
                            labels(categories.path("parsed"))));
                } else {
                    entries.add(new LogEntry(ts, line));
                }
            }
            streams.add(new LogStream(labels, entries));
        }
        return new QueryResult.Streams(streams);
    }

    private static QueryResult.Matrix matrix(JsonNode result) {
        List<Series> series = new ArrayList<>(result.size());
        for (JsonNode s : result) {
            JsonNode values = s.path("values");
            long[] timestamps = new long[values.size()];
            double[] points = new double[values.size()];
            for (int i = 0; i < values.size(); i++) {
                timestamps[i] = millis(values.get(i).path(0));
                points[i] = value(values.get(i).path(1));
            }
            series.add(new Series(labels(s.path("metric")), timestamps, points));
        }
        return new QueryResult.Matrix(series);
    }

    private static QueryResult.Vector vector(JsonNode result) {
        List<Sample> samples = new ArrayList<>(result.size());
        for (JsonNode s : result) {
            JsonNode point = s.path("value");
            samples.add(new Sample(labels(s.path("metric")), millis(point.path(0)), value(point.path(1))));
        }
        return new QueryResult.Vector(samples);
    }

    private static Labels labels(JsonNode object) {
        if (!object.isObject()) {
            return Labels.EMPTY;
        }
        Labels.Builder builder = Labels.builder();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            builder.set(e.getKey(), e.getValue().asString());
        }
        return builder.build();
    }

    /** Seconds with up to millisecond decimals, e.g. {@code 1700000000.5}, as milliseconds. */
    private static long millis(JsonNode seconds) {
        BigDecimal value = seconds.isNumber() ? seconds.decimalValue() : new BigDecimal(seconds.asString());
        return value.movePointRight(3).longValue();
    }

    /** Prometheus' value text, {@code +Inf}, {@code -Inf} and {@code NaN} included. */
    private static double value(JsonNode node) {
        String text = node.asString();
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
