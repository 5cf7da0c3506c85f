package io.skald.api;

import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Collection;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Writes Loki's HTTP API response bodies, field for field, with a streaming generator. */
public final class LokiJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LokiJson() {}

    /** {@code {"status":"success","data":{"resultType":...,"result":[...],"stats":{...}}}}. */
    public static void writeQueryResponse(
            QueryResult result, QueryStats stats, boolean categorizeLabels, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("status", "success");
            json.writeName("data");
            json.writeStartObject();
            switch (result) {
                case QueryResult.Streams streams -> {
                    json.writeStringProperty("resultType", "streams");
                    json.writeName("result");
                    json.writeStartArray();
                    for (LogStream stream : streams.streams()) {
                        writeStream(json, stream, categorizeLabels);
                    }
                    json.writeEndArray();
                }
                case QueryResult.Matrix matrix -> {
                    json.writeStringProperty("resultType", "matrix");
                    json.writeName("result");
                    json.writeStartArray();
                    for (Series series : matrix.series()) {
                        json.writeStartObject();
                        json.writeName("metric");
                        writeLabels(json, series.metric());
                        json.writeName("values");
                        json.writeStartArray();
                        for (int i = 0; i < series.size(); i++) {
                            writePoint(json, series.timestampsMillis()[i], series.values()[i]);
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                case QueryResult.Vector vector -> {
                    json.writeStringProperty("resultType", "vector");
                    json.writeName("result");
                    json.writeStartArray();
                    for (Sample sample : vector.samples()) {
                        json.writeStartObject();
                        json.writeName("metric");
                        writeLabels(json, sample.metric());
                        json.writeName("value");
                        writePoint(json, sample.timestampMillis(), sample.value());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                case QueryResult.Scalar scalar -> {
                    json.writeStringProperty("resultType", "scalar");
                    json.writeName("result");
                    writePoint(json, scalar.timestampMillis(), scalar.value());
                }
            }
            json.writeName("stats");
            stats.write(json);
            if (categorizeLabels && result instanceof QueryResult.Streams) {
                json.writeName("encodingFlags");
                json.writeStartArray();
                json.writeString("categorize-labels");
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** {@code {"status":"success","data":[...]}}, or without {@code data} when there is nothing, as Loki answers. */
    public static void writeStringList(Collection<String> values, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("status", "success");
            if (!values.isEmpty()) {
                json.writeName("data");
                json.writeStartArray();
                for (String value : values) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
    }

    /** The {@code /series} answer: {@code {"status":"success","data":[{labels}...]}}. */
    public static void writeSeriesList(Collection<Labels> series, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringProperty("status", "success");
            json.writeName("data");
            json.writeStartArray();
            for (Labels labels : series) {
                writeLabels(json, labels);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeStream(JsonGenerator json, LogStream stream, boolean categorizeLabels) {
        json.writeStartObject();
        json.writeName("stream");
        writeLabels(json, stream.labels());
        json.writeName("values");
        json.writeStartArray();
        for (LogEntry entry : stream.entries()) {
            json.writeStartArray();
            json.writeString(Long.toString(entry.timestampNanos()));
            json.writeString(entry.line());
            if (categorizeLabels
                    && (!entry.structuredMetadata().isEmpty() || !entry.parsed().isEmpty())) {
                json.writeStartObject();
                if (!entry.structuredMetadata().isEmpty()) {
                    json.writeName("structuredMetadata");
                    writeLabels(json, entry.structuredMetadata());
                }
                if (!entry.parsed().isEmpty()) {
                    json.writeName("parsed");
                    writeLabels(json, entry.parsed());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    static void writeLabels(JsonGenerator json, Labels labels) {
        json.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            json.writeStringProperty(labels.name(i), labels.value(i));
        }
        json.writeEndObject();
    }

    private static void writePoint(JsonGenerator json, long timestampMillis, double value) {
        json.writeStartArray();
        json.writeNumber(
                BigDecimal.valueOf(timestampMillis, 3).stripTrailingZeros().toPlainString());
        json.writeString(formatValue(value));
        json.writeEndArray();
    }

    /** Prometheus' sample value text: shortest exact decimal, no exponent, {@code +Inf}, {@code -Inf}, {@code NaN}. */
    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
