package io.skald.push;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Decodes Loki's snappy (block format) compressed {@code logproto.PushRequest} straight from the wire bytes, without
 * building the generated protobuf objects. Field numbers follow {@code push.proto}; unknown fields are skipped.
 */
public final class ProtobufPushDecoder {
    private static final int PUSH_STREAMS = 1;
    private static final int STREAM_LABELS = 1;
    private static final int STREAM_ENTRIES = 2;
    private static final int ENTRY_TIMESTAMP = 1;
    private static final int ENTRY_LINE = 2;
    private static final int ENTRY_METADATA = 3;
    private static final int PAIR_NAME = 1;
    private static final int PAIR_VALUE = 2;
    private static final int TIMESTAMP_SECONDS = 1;
    private static final int TIMESTAMP_NANOS = 2;

    private ProtobufPushDecoder() {}

    /** Decompresses a snappy block and decodes it; the decompressed size must not exceed {@code maxBytes}. */
    public static PushRequest decodeSnappy(byte[] body, int offset, int length, long maxBytes) {
        int uncompressedLength;
        try {
            uncompressedLength = Snappy.uncompressedLength(body, offset, length);
        } catch (IOException | RuntimeException e) {
            throw PushDecodeException.badRequest("snappy: corrupt input");
        }
        if (uncompressedLength < 0) {
            throw PushDecodeException.badRequest("snappy: corrupt input");
        }
        if (uncompressedLength > maxBytes) {
            throw PushDecodeException.tooLarge(uncompressedLength, maxBytes);
        }
        byte[] raw = new byte[uncompressedLength];
        try {
            int n = Snappy.uncompress(body, offset, length, raw, 0);
            if (n != uncompressedLength) {
                throw PushDecodeException.badRequest("snappy: corrupt input");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PushDecodeException decodeException) {
                throw decodeException;
            }
            throw PushDecodeException.badRequest("snappy: corrupt input");
        }
        return decode(raw, 0, raw.length);
    }

    /** Decodes uncompressed protobuf bytes. */
    public static PushRequest decode(byte[] bytes, int offset, int length) {
        CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
        in.setSizeLimit(Integer.MAX_VALUE);
        in.setRecursionLimit(8);
        try {
            List<PushStream> streams = new ArrayList<>();
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (WireFormat.getTagFieldNumber(tag) == PUSH_STREAMS) {
                    expectLengthDelimited(tag, "PushRequest", "Streams");
                    int limit = in.pushLimit(in.readRawVarint32());
                    streams.add(readStream(in));
                    in.popLimit(limit);
                } else {
                    skip(in, tag);
                }
            }
            return new PushRequest(streams);
        } catch (IOException | IllegalArgumentException e) {
            throw PushDecodeException.badRequest(protoMessage(e));
        }
    }

    private static PushStream readStream(CodedInputStream in) throws IOException {
        String labels = "";
        List<PushEntry> entries = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case STREAM_LABELS -> {
                    expectLengthDelimited(tag, "StreamAdapter", "Labels");
                    labels = in.readString();
                }
                case STREAM_ENTRIES -> {
                    expectLengthDelimited(tag, "StreamAdapter", "Entries");
                    int limit = in.pushLimit(in.readRawVarint32());
                    entries.add(readEntry(in));
                    in.popLimit(limit);
                }
                default -> skip(in, tag);
            }
        }
        return new PushStream(labels, entries);
    }

    private static PushEntry readEntry(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        String line = "";
        List<MetadataPair> metadata = List.of();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case ENTRY_TIMESTAMP -> {
                    expectLengthDelimited(tag, "EntryAdapter", "Timestamp");
                    int limit = in.pushLimit(in.readRawVarint32());
                    int inner;
                    while ((inner = in.readTag()) != 0) {
                        switch (WireFormat.getTagFieldNumber(inner)) {
                            case TIMESTAMP_SECONDS -> seconds = in.readInt64();
                            case TIMESTAMP_NANOS -> nanos = in.readInt32();
                            default -> skip(in, inner);
                        }
                    }
                    in.popLimit(limit);
                }
                case ENTRY_LINE -> {
                    expectLengthDelimited(tag, "EntryAdapter", "Line");
                    line = in.readString();
                }
                case ENTRY_METADATA -> {
                    expectLengthDelimited(tag, "EntryAdapter", "StructuredMetadata");
                    int limit = in.pushLimit(in.readRawVarint32());
                    if (metadata.isEmpty()) {
                        metadata = new ArrayList<>(4);
                    }
                    metadata.add(readPair(in));
                    in.popLimit(limit);
                }
                default -> skip(in, tag);
            }
        }
        return new PushEntry(toNanos(seconds, nanos), line, metadata);
    }

    private static MetadataPair readPair(CodedInputStream in) throws IOException {
        String name = "";
        String value = "";
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case PAIR_NAME -> {
                    expectLengthDelimited(tag, "LabelPairAdapter", "Name");
                    name = in.readString();
                }
                case PAIR_VALUE -> {
                    expectLengthDelimited(tag, "LabelPairAdapter", "Value");
                    value = in.readString();
                }
                default -> skip(in, tag);
            }
        }
        return new MetadataPair(name, value);
    }

    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new IllegalArgumentException("unexpected end group");
        }
    }

    private static long toNanos(long seconds, int nanos) {
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp out of range: " + seconds + "s");
        }
    }

    private static void expectLengthDelimited(int tag, String message, String field) {
        int wireType = WireFormat.getTagWireType(tag);
        if (wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            throw new IllegalArgumentException(
                    "wrong wireType = " + wireType + " for field " + field + " in " + message);
        }
    }

    private static String protoMessage(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "proto: " + detail;
    }
}
