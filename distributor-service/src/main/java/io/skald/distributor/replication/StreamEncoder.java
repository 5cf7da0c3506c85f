package io.skald.distributor.replication;

import io.skald.push.MetadataPair;
import io.skald.push.PushEntry;
import io.skald.push.ValidatedStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a validated stream as the protobuf bytes of a {@code logproto.StreamAdapter} (push.proto), without building
 * the generated message: exact sizes first, then one pass into an array of exactly that size. Lines are copied with
 * the JDK's UTF-8 encoder (a plain copy for ASCII); the generated code encoded and sized every line char by char,
 * which was about a fifth of the distributor's CPU.
 */
final class StreamEncoder {
    private static final int STREAM_LABELS = tag(1);
    private static final int STREAM_ENTRIES = tag(2);
    private static final int STREAM_HASH = (3 << 3); // varint
    private static final int ENTRY_TIMESTAMP = tag(1);
    private static final int ENTRY_LINE = tag(2);
    private static final int ENTRY_METADATA = tag(3);
    private static final int PAIR_NAME = tag(1);
    private static final int PAIR_VALUE = tag(2);
    private static final int TIMESTAMP_SECONDS = 1 << 3;
    private static final int TIMESTAMP_NANOS = 2 << 3;

    /** Metadata lists whose encoding {@link #encode} remembers, by identity. */
    private static final int SEEN = 16;

    /**
     * Encoded {@code structuredMetadata} fields of the last metadata lists seen: validation shares one list per
     * detected level among the entries that have no other metadata, so most entries reuse an encoding.
     */
    private final List<?>[] seenLists = new List<?>[SEEN];

    private final byte[][] seenBytes = new byte[SEEN][];
    private int seenNext;

    /** A new encoder; not thread-safe (one per replicated push). */
    StreamEncoder() {}

    /** The {@code StreamAdapter} message bytes of {@code stream}, with a fresh encoder. */
    static byte[] encodeOnce(ValidatedStream stream) {
        return new StreamEncoder().encode(stream);
    }

    /** The {@code StreamAdapter} message bytes of {@code stream} (no field tag or length in front). */
    byte[] encode(ValidatedStream stream) {
        List<PushEntry> entries = stream.entries();
        byte[] labels = stream.labelText().getBytes(StandardCharsets.UTF_8);
        long hash = stream.labels().hash();
        byte[][] lines = new byte[entries.size()][];
        byte[][] metadataFields = new byte[entries.size()][];
        int[] entrySizes = new int[entries.size()];
        long total = labels.length == 0 ? 0 : 1 + varintSize(labels.length) + labels.length;
        if (hash != 0) {
            total += 1 + varintSize(hash);
        }
        for (int i = 0; i < entries.size(); i++) {
            PushEntry entry = entries.get(i);
            byte[] line = entry.line().getBytes(StandardCharsets.UTF_8);
            lines[i] = line;
            int size = 1 + 1 + timestampSize(entry.timestampNanos());
            if (line.length > 0) {
                size += 1 + varintSize(line.length) + line.length;
            }
            List<MetadataPair> metadata = entry.structuredMetadata();
            if (!metadata.isEmpty()) {
                byte[] fields = metadataFields(metadata);
                metadataFields[i] = fields;
                size += fields.length;
            }
            entrySizes[i] = size;
            total += 1 + varintSize(size) + size;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("stream too large to encode: " + total + " bytes");
        }
        byte[] out = new byte[(int) total];
        int pos = 0;
        if (labels.length > 0) {
            out[pos++] = (byte) STREAM_LABELS;
            pos = writeVarint(out, pos, labels.length);
            System.arraycopy(labels, 0, out, pos, labels.length);
            pos += labels.length;
        }
        for (int i = 0; i < entries.size(); i++) {
            PushEntry entry = entries.get(i);
            out[pos++] = (byte) STREAM_ENTRIES;
            pos = writeVarint(out, pos, entrySizes[i]);
            long nanos = entry.timestampNanos();
            long seconds = Math.floorDiv(nanos, 1_000_000_000L);
            int nanosOfSecond = (int) Math.floorMod(nanos, 1_000_000_000L);
            out[pos++] = (byte) ENTRY_TIMESTAMP;
            out[pos++] = (byte) timestampSize(nanos);
            if (seconds != 0) {
                out[pos++] = (byte) TIMESTAMP_SECONDS;
                pos = writeVarint(out, pos, seconds);
            }
            if (nanosOfSecond != 0) {
                out[pos++] = (byte) TIMESTAMP_NANOS;
                pos = writeVarint(out, pos, nanosOfSecond);
            }
            byte[] line = lines[i];
            if (line.length > 0) {
                out[pos++] = (byte) ENTRY_LINE;
                pos = writeVarint(out, pos, line.length);
                System.arraycopy(line, 0, out, pos, line.length);
                pos += line.length;
            }
            byte[] fields = metadataFields[i];
            if (fields != null) {
                System.arraycopy(fields, 0, out, pos, fields.length);
                pos += fields.length;
            }
        }
        if (hash != 0) {
            out[pos++] = (byte) STREAM_HASH;
            pos = writeVarint(out, pos, hash);
        }
        if (pos != out.length) {
            throw new IllegalStateException("encoded " + pos + " bytes, sized " + out.length);
        }
        return out;
    }

    /** The entry's {@code structuredMetadata} fields (tags, lengths, pairs), remembered per list instance. */
    @SuppressWarnings("ReferenceEquality") // by instance on purpose: equal lists would need a full comparison
    private byte[] metadataFields(List<MetadataPair> metadata) {
        for (int k = 0; k < SEEN; k++) {
            if (seenLists[k] == metadata) {
                return seenBytes[k];
            }
        }
        int size = 0;
        for (int p = 0; p < metadata.size(); p++) {
            int pair = pairSize(metadata.get(p));
            size += 1 + varintSize(pair) + pair;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (int p = 0; p < metadata.size(); p++) {
            MetadataPair pair = metadata.get(p);
            out[pos++] = (byte) ENTRY_METADATA;
            pos = writeVarint(out, pos, pairSize(pair));
            pos = writeString(out, pos, PAIR_NAME, pair.name());
            pos = writeString(out, pos, PAIR_VALUE, pair.value());
        }
        seenLists[seenNext] = metadata;
        seenBytes[seenNext] = out;
        seenNext = (seenNext + 1) % SEEN;
        return out;
    }

    /** Size of the {@code google.protobuf.Timestamp} message body; below 128, so its length is one byte. */
    private static int timestampSize(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        int nanosOfSecond = (int) Math.floorMod(nanos, 1_000_000_000L);
        int size = 0;
        if (seconds != 0) {
            size += 1 + varintSize(seconds);
        }
        if (nanosOfSecond != 0) {
            size += 1 + varintSize(nanosOfSecond);
        }
        return size;
    }

    private static int pairSize(MetadataPair pair) {
        return stringFieldSize(pair.name()) + stringFieldSize(pair.value());
    }

    private static int stringFieldSize(String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int bytes = utf8Length(value);
        return 1 + varintSize(bytes) + bytes;
    }

    /** Writes a string field (omitted when empty, as proto3 does); metadata strings are short and mostly ASCII. */
    private static int writeString(byte[] out, int pos, int tag, String value) {
        if (value.isEmpty()) {
            return pos;
        }
        out[pos++] = (byte) tag;
        int n = value.length();
        if (utf8Length(value) == n) {
            pos = writeVarint(out, pos, n);
            for (int i = 0; i < n; i++) {
                out[pos++] = (byte) value.charAt(i);
            }
            return pos;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        pos = writeVarint(out, pos, bytes.length);
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        return pos + bytes.length;
    }

    /** UTF-8 length as {@link String#getBytes} encodes (an unpaired surrogate becomes one {@code ?}). */
    private static int utf8Length(String value) {
        int n = value.length();
        int i = 0;
        while (i < n && value.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return n;
        }
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    static int varintSize(long value) {
        // Negative values take ten bytes, as protobuf writes int64.
        return value == 0 ? 1 : (63 - Long.numberOfLeadingZeros(value)) / 7 + 1;
    }

    static int writeVarint(byte[] out, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    private static int tag(int field) {
        return (field << 3) | 2;
    }
}
