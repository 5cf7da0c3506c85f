package io.skald.ingester.grpc;

import io.skald.chunk.LogEntry;
import io.skald.ingester.IncomingStream;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code logproto.PushRequest} (push.proto) from its wire bytes straight into {@link IncomingStream}s,
 * without the generated message tree: lines become strings once, structured metadata is shared through a
 * {@link MetadataInterner}. Unknown fields are skipped; malformed input throws {@link IllegalArgumentException}.
 */
final class PushRequestReader {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final byte[] bytes;
    private final @Nullable MetadataInterner interner;
    private int pos;

    private PushRequestReader(byte[] bytes, @Nullable MetadataInterner interner) {
        this.bytes = bytes;
        this.interner = interner;
    }

    /** The streams of the {@code PushRequest} in {@code bytes}. */
    static List<IncomingStream> read(byte[] bytes, MetadataInterner interner) {
        PushRequestReader reader = new PushRequestReader(bytes, interner);
        List<IncomingStream> streams = new ArrayList<>();
        int end = bytes.length;
        while (reader.pos < end) {
            int tag = reader.readTag();
            if (tag == ((1 << 3) | LENGTH_DELIMITED)) {
                int length = reader.readLength(end);
                streams.add(reader.stream(reader.pos + length));
            } else {
                reader.skip(tag, end);
            }
        }
        return streams;
    }

    private IncomingStream stream(int end) {
        String labels = "";
        List<LogEntry> entries = new ArrayList<>();
        while (pos < end) {
            int tag = readTag();
            switch (tag) {
                case (1 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    labels = new String(bytes, pos, length, StandardCharsets.UTF_8);
                    pos += length;
                }
                case (2 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    entries.add(entry(pos + length));
                }
                default -> skip(tag, end);
            }
        }
        return new IncomingStream(labels, entries);
    }

    private LogEntry entry(int end) {
        long seconds = 0;
        int nanos = 0;
        String line = "";
        int metadataStart = -1;
        int metadataEnd = -1;
        boolean metadataContiguous = true;
        while (pos < end) {
            int fieldStart = pos;
            int tag = readTag();
            switch (tag) {
                case (1 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    int timestampEnd = pos + length;
                    while (pos < timestampEnd) {
                        int inner = readTag();
                        switch (inner) {
                            case (1 << 3) | VARINT -> seconds = readVarint(timestampEnd);
                            case (2 << 3) | VARINT -> nanos = (int) readVarint(timestampEnd);
                            default -> skip(inner, timestampEnd);
                        }
                    }
                }
                case (2 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    line = new String(bytes, pos, length, StandardCharsets.UTF_8);
                    pos += length;
                }
                case (3 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    if (metadataStart < 0) {
                        metadataStart = fieldStart;
                    } else if (metadataEnd != fieldStart) {
                        metadataContiguous = false;
                    }
                    pos += length;
                    metadataEnd = pos;
                }
                default -> skip(tag, end);
            }
        }
        Labels metadata = Labels.EMPTY;
        if (metadataStart >= 0) {
            MetadataInterner shared = interner;
            if (!metadataContiguous) {
                metadata = scattered(metadataStart, end);
            } else if (shared != null) {
                metadata = shared.intern(bytes, metadataStart, metadataEnd - metadataStart);
            } else {
                metadata = metadata(bytes, metadataStart, metadataEnd);
            }
        }
        return new LogEntry(seconds * 1_000_000_000L + nanos, line, metadata);
    }

    /** Metadata fields with other fields between them (no encoder we know of writes that): read one by one. */
    private Labels scattered(int start, int end) {
        Labels.Builder builder = Labels.builder();
        PushRequestReader reader = new PushRequestReader(bytes, null);
        reader.pos = start;
        while (reader.pos < end) {
            int tag = reader.readTag();
            if (tag == ((3 << 3) | LENGTH_DELIMITED)) {
                int length = reader.readLength(end);
                reader.pair(reader.pos + length, builder);
            } else {
                reader.skip(tag, end);
            }
        }
        return builder.build();
    }

    /** The labels of consecutive {@code structuredMetadata} fields in {@code bytes[start, end)}. */
    static Labels metadata(byte[] bytes, int start, int end) {
        Labels.Builder builder = Labels.builder();
        PushRequestReader reader = new PushRequestReader(bytes, null);
        reader.pos = start;
        while (reader.pos < end) {
            int tag = reader.readTag();
            int length = reader.readLength(end);
            if (tag == ((3 << 3) | LENGTH_DELIMITED)) {
                reader.pair(reader.pos + length, builder);
            } else {
                reader.pos += length;
            }
        }
        return builder.build();
    }

    private void pair(int end, Labels.Builder into) {
        String name = "";
        String value = "";
        while (pos < end) {
            int tag = readTag();
            switch (tag) {
                case (1 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    name = new String(bytes, pos, length, StandardCharsets.UTF_8);
                    pos += length;
                }
                case (2 << 3) | LENGTH_DELIMITED -> {
                    int length = readLength(end);
                    value = new String(bytes, pos, length, StandardCharsets.UTF_8);
                    pos += length;
                }
                default -> skip(tag, end);
            }
        }
        into.set(name, value);
    }

    private int readTag() {
        long tag = readVarint(bytes.length);
        if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
            throw new IllegalArgumentException("invalid protobuf tag " + tag + " at " + pos);
        }
        return (int) tag;
    }

    /** A length prefix, checked against the enclosing message's end. */
    private int readLength(int end) {
        long length = readVarint(end);
        if (length < 0 || length > end - pos) {
            throw new IllegalArgumentException("truncated protobuf message: length " + length + " at " + pos);
        }
        return (int) length;
    }

    private long readVarint(int end) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated protobuf varint at " + pos);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("malformed protobuf varint at " + pos);
    }

    private void skip(int tag, int end) {
        switch (tag & 7) {
            case VARINT -> readVarint(end);
            case FIXED64 -> advance(8, end);
            case LENGTH_DELIMITED -> advance(readLength(end), end);
            case FIXED32 -> advance(4, end);
            default -> throw new IllegalArgumentException("unsupported protobuf wire type " + (tag & 7));
        }
    }

    private void advance(int count, int end) {
        if (count > end - pos) {
            throw new IllegalArgumentException("truncated protobuf field at " + pos);
        }
        pos += count;
    }
}
