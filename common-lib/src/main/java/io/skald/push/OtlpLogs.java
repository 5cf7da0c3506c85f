package io.skald.push;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The subset of OTLP's logs data model ({@code opentelemetry.proto.logs.v1}) that Loki maps to streams: resources with
 * attributes, scopes, and log records. Decoded from protobuf or JSON, then mapped by {@link OtlpMapper}.
 */
public final class OtlpLogs {
    private OtlpLogs() {}

    /** One {@code ResourceLogs}: the resource's attributes and its scopes. */
    public record ResourceLogs(List<Attribute> resourceAttributes, List<ScopeLogs> scopeLogs) {
        public ResourceLogs {
            resourceAttributes = List.copyOf(resourceAttributes);
            scopeLogs = List.copyOf(scopeLogs);
        }
    }

    /** One {@code ScopeLogs}: the instrumentation scope and its records. */
    public record ScopeLogs(
            String name,
            String version,
            List<Attribute> attributes,
            int droppedAttributesCount,
            List<LogRecord> logRecords) {
        public ScopeLogs {
            attributes = List.copyOf(attributes);
            logRecords = List.copyOf(logRecords);
        }
    }

    /** One {@code LogRecord}; {@code body} is {@link Value.Empty} when absent, ids are empty arrays when absent. */
    public record LogRecord(
            long timeUnixNano,
            long observedTimeUnixNano,
            int severityNumber,
            String severityText,
            Value body,
            List<Attribute> attributes,
            int droppedAttributesCount,
            int flags,
            byte[] traceId,
            byte[] spanId) {
        public LogRecord {
            attributes = List.copyOf(attributes);
            traceId = traceId.clone();
            spanId = spanId.clone();
        }

        @Override
        public byte[] traceId() {
            return traceId.clone();
        }

        @Override
        public byte[] spanId() {
            return spanId.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LogRecord that
                    && timeUnixNano == that.timeUnixNano
                    && observedTimeUnixNano == that.observedTimeUnixNano
                    && severityNumber == that.severityNumber
                    && severityText.equals(that.severityText)
                    && body.equals(that.body)
                    && attributes.equals(that.attributes)
                    && droppedAttributesCount == that.droppedAttributesCount
                    && flags == that.flags
                    && java.util.Arrays.equals(traceId, that.traceId)
                    && java.util.Arrays.equals(spanId, that.spanId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(timeUnixNano, severityText, body, attributes)
                    ^ java.util.Arrays.hashCode(traceId)
                    ^ java.util.Arrays.hashCode(spanId);
        }

        @Override
        public String toString() {
            return "LogRecord[" + timeUnixNano + ", " + body + ", " + attributes + "]";
        }
    }

    /** A {@code KeyValue}. */
    public record Attribute(String key, Value value) {}

    /** An {@code AnyValue}; {@link #asString()} renders it as the OpenTelemetry collector's {@code AsString} does. */
    public sealed interface Value {
        String asString();

        /** No value set. */
        record Empty() implements Value {
            @Override
            public String asString() {
                return "";
            }
        }

        record Str(String value) implements Value {
            @Override
            public String asString() {
                return value;
            }
        }

        record Bool(boolean value) implements Value {
            @Override
            public String asString() {
                return Boolean.toString(value);
            }
        }

        record Int(long value) implements Value {
            @Override
            public String asString() {
                return Long.toString(value);
            }
        }

        record Double(double value) implements Value {
            @Override
            public String asString() {
                return formatDouble(value);
            }
        }

        record Bytes(byte[] value) implements Value {
            public Bytes {
                value = value.clone();
            }

            @Override
            public byte[] value() {
                return value.clone();
            }

            @Override
            public String asString() {
                return Base64.getEncoder().encodeToString(value);
            }

            @Override
            public boolean equals(Object other) {
                return other instanceof Bytes that && java.util.Arrays.equals(value, that.value);
            }

            @Override
            public int hashCode() {
                return java.util.Arrays.hashCode(value);
            }

            @Override
            public String toString() {
                return "Bytes[" + asString() + "]";
            }
        }

        record Array(List<Value> values) implements Value {
            public Array {
                values = List.copyOf(values);
            }

            @Override
            public String asString() {
                StringBuilder out = new StringBuilder();
                appendJson(out, this);
                return out.toString();
            }
        }

        record KvList(List<Attribute> values) implements Value {
            public KvList {
                values = List.copyOf(values);
            }

            @Override
            public String asString() {
                StringBuilder out = new StringBuilder();
                appendJson(out, this);
                return out.toString();
            }
        }
    }

    /** Go's {@code strconv.FormatFloat(f, 'f', -1, 64)}: shortest digits, never an exponent. */
    static String formatDouble(double value) {
        if (java.lang.Double.isNaN(value)) {
            return "NaN";
        }
        if (java.lang.Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0" : "0";
        }
        return new BigDecimal(java.lang.Double.toString(value))
                .stripTrailingZeros()
                .toPlainString();
    }

    /** JSON as Go's {@code json.Marshal} of the value's raw form: object keys sorted, bytes as base64 strings. */
    static void appendJson(StringBuilder out, Value value) {
        switch (value) {
            case Value.Empty empty -> out.append("null");
            case Value.Str str -> appendJsonString(out, str.value());
            case Value.Bool bool -> out.append(bool.value());
            case Value.Int integer -> out.append(integer.value());
            case Value.Double dbl -> out.append(jsonNumber(dbl.value()));
            case Value.Bytes bytes -> appendJsonString(out, bytes.asString());
            case Value.Array array -> {
                out.append('[');
                for (int i = 0; i < array.values().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendJson(out, array.values().get(i));
                }
                out.append(']');
            }
            case Value.KvList list -> {
                List<Attribute> sorted = new ArrayList<>(list.values());
                sorted.sort(Comparator.comparing(Attribute::key));
                out.append('{');
                for (int i = 0; i < sorted.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    appendJsonString(out, sorted.get(i).key());
                    out.append(':');
                    appendJson(out, sorted.get(i).value());
                }
                out.append('}');
            }
        }
    }

    private static String jsonNumber(double value) {
        if (java.lang.Double.isNaN(value) || java.lang.Double.isInfinite(value)) {
            return "null";
        }
        return formatDouble(value);
    }

    private static void appendJsonString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
