package io.skald.push;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an OTLP {@code ExportLogsServiceRequest} (protobuf, {@code opentelemetry.proto.collector.logs.v1}) into
 * {@link OtlpLogs} directly from the wire bytes. Field numbers follow the OTLP protos; unknown fields are skipped.
 */
final class OtlpProtobufDecoder {
    private static final int MAX_VALUE_DEPTH = 32;

    private OtlpProtobufDecoder() {}

    static List<OtlpLogs.ResourceLogs> decode(byte[] bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.setSizeLimit(Integer.MAX_VALUE);
        try {
            List<OtlpLogs.ResourceLogs> result = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (field(tag) == 1 && isMessage(tag)) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    result.add(readResourceLogs(in));
                    in.popLimit(limit);
                } else {
                    skip(in, tag);
                }
            }
            return result;
        } catch (IOException | IllegalArgumentException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw PushDecodeException.badRequest("proto: " + detail);
        }
    }

    private static OtlpLogs.ResourceLogs readResourceLogs(CodedInputStream in) throws IOException {
        List<OtlpLogs.Attribute> resource = List.of();
        List<OtlpLogs.ScopeLogs> scopes = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (field(tag) == 1 && isMessage(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                resource = readResource(in);
                in.popLimit(limit);
            } else if (field(tag) == 2 && isMessage(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                scopes.add(readScopeLogs(in));
                in.popLimit(limit);
            } else {
                skip(in, tag);
            }
        }
        return new OtlpLogs.ResourceLogs(resource, scopes);
    }

    private static List<OtlpLogs.Attribute> readResource(CodedInputStream in) throws IOException {
        List<OtlpLogs.Attribute> attributes = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (field(tag) == 1 && isMessage(tag)) {
                attributes.add(readKeyValue(in, 0));
            } else {
                skip(in, tag);
            }
        }
        return attributes;
    }

    private static OtlpLogs.ScopeLogs readScopeLogs(CodedInputStream in) throws IOException {
        String name = "";
        String version = "";
        List<OtlpLogs.Attribute> attributes = List.of();
        int dropped = 0;
        List<OtlpLogs.LogRecord> records = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (field(tag) == 1 && isMessage(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                attributes = new ArrayList<>();
                int inner;
                while ((inner = in.readTag()) != 0) {
                    switch (field(inner)) {
                        case 1 -> name = in.readString();
                        case 2 -> version = in.readString();
                        case 3 -> attributes.add(readKeyValue(in, 0));
                        case 4 -> dropped = in.readUInt32();
                        default -> skip(in, inner);
                    }
                }
                in.popLimit(limit);
            } else if (field(tag) == 2 && isMessage(tag)) {
                int limit = in.pushLimit(in.readRawVarint32());
                records.add(readLogRecord(in));
                in.popLimit(limit);
            } else {
                skip(in, tag);
            }
        }
        return new OtlpLogs.ScopeLogs(name, version, attributes, dropped, records);
    }

    private static OtlpLogs.LogRecord readLogRecord(CodedInputStream in) throws IOException {
        long time = 0;
        long observed = 0;
        int severityNumber = 0;
        String severityText = "";
        OtlpLogs.Value body = new OtlpLogs.Value.Empty();
        List<OtlpLogs.Attribute> attributes = new ArrayList<>();
        int dropped = 0;
        int flags = 0;
        byte[] traceId = new byte[0];
        byte[] spanId = new byte[0];
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (field(tag)) {
                case 1 -> time = in.readFixed64();
                case 2 -> severityNumber = in.readEnum();
                case 3 -> severityText = in.readString();
                case 5 -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    body = readAnyValue(in, 0);
                    in.popLimit(limit);
                }
                case 6 -> attributes.add(readKeyValue(in, 0));
                case 7 -> dropped = in.readUInt32();
                case 8 -> flags = in.readFixed32();
                case 9 -> traceId = in.readByteArray();
                case 10 -> spanId = in.readByteArray();
                case 11 -> observed = in.readFixed64();
                default -> skip(in, tag);
            }
        }
        return new OtlpLogs.LogRecord(
                time, observed, severityNumber, severityText, body, attributes, dropped, flags, traceId, spanId);
    }

    /** Reads a length-delimited {@code KeyValue}; the tag has been read. */
    private static OtlpLogs.Attribute readKeyValue(CodedInputStream in, int depth) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = "";
        OtlpLogs.Value value = new OtlpLogs.Value.Empty();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (field(tag) == 1) {
                key = in.readString();
            } else if (field(tag) == 2 && isMessage(tag)) {
                int inner = in.pushLimit(in.readRawVarint32());
                value = readAnyValue(in, depth + 1);
                in.popLimit(inner);
            } else {
                skip(in, tag);
            }
        }
        in.popLimit(limit);
        return new OtlpLogs.Attribute(key, value);
    }

    private static OtlpLogs.Value readAnyValue(CodedInputStream in, int depth) throws IOException {
        if (depth > MAX_VALUE_DEPTH) {
            throw new IllegalArgumentException("AnyValue nested too deeply");
        }
        OtlpLogs.Value value = new OtlpLogs.Value.Empty();
        int tag;
        while ((tag = in.readTag()) != 0) {
            value = switch (field(tag)) {
                case 1 -> new OtlpLogs.Value.Str(in.readString());
                case 2 -> new OtlpLogs.Value.Bool(in.readBool());
                case 3 -> new OtlpLogs.Value.Int(in.readInt64());
                case 4 -> new OtlpLogs.Value.Double(in.readDouble());
                case 5, 6 -> readList(in, field(tag) == 6, depth);
                case 7 -> new OtlpLogs.Value.Bytes(in.readByteArray());
                default -> {
                    skip(in, tag);
                    yield value;
                }
            };
        }
        return value;
    }

    /** {@code ArrayValue} (values = 1, AnyValue) or {@code KeyValueList} (values = 1, KeyValue). */
    private static OtlpLogs.Value readList(CodedInputStream in, boolean keyValues, int depth) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        List<OtlpLogs.Value> values = new ArrayList<>();
        List<OtlpLogs.Attribute> pairs = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (field(tag) == 1 && isMessage(tag)) {
                if (keyValues) {
                    pairs.add(readKeyValue(in, depth + 1));
                } else {
                    int inner = in.pushLimit(in.readRawVarint32());
                    values.add(readAnyValue(in, depth + 1));
                    in.popLimit(inner);
                }
            } else {
                skip(in, tag);
            }
        }
        in.popLimit(limit);
        return keyValues ? new OtlpLogs.Value.KvList(pairs) : new OtlpLogs.Value.Array(values);
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    private static boolean isMessage(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new IllegalArgumentException("unexpected end group");
        }
    }
}
