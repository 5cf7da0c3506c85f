package io.skald.wal;

import io.skald.chunk.ByteReader;
import io.skald.chunk.ByteWriter;
import io.skald.chunk.CorruptChunkException;
import io.skald.chunk.LogEntry;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Frames records as {@code [u32 payload length][u32 CRC32C of type+payload][u8 type][payload]}, big-endian; the
 * same framing serves segments and checkpoints. Layout in docs/chunk-format.md.
 */
final class RecordCodec {
    static final int HEADER_SIZE = 9;
    static final int TYPE_SERIES = 1;
    static final int TYPE_ENTRIES = 2;
    /** No single record may claim more; a larger length is a torn or corrupt header. */
    static final int MAX_PAYLOAD = 1 << 30;

    private RecordCodec() {}

    /** Appends one framed record to {@code out}. */
    static void write(WalRecord record, ByteWriter out) {
        int start = out.size();
        out.writeInt(0);
        out.writeInt(0);
        int typePosition = out.size();
        switch (record) {
            case WalRecord.Series series -> {
                out.writeByte(TYPE_SERIES);
                out.writeString(series.tenant());
                out.writeLong(series.fingerprint());
                out.writeLabels(series.labels());
            }
            case WalRecord.Entries entries -> {
                out.writeByte(TYPE_ENTRIES);
                out.writeString(entries.tenant());
                out.writeLong(entries.fingerprint());
                out.writeUvarint(entries.entries().size());
                long previous = 0;
                for (LogEntry entry : entries.entries()) {
                    // Deltas keep in-order timestamps short; zig-zag keeps out-of-order ones correct.
                    out.writeVarint(entry.timestampNanos() - previous);
                    previous = entry.timestampNanos();
                    out.writeLengthPrefixed(entry.line().getBytes(StandardCharsets.UTF_8));
                    out.writeLabels(entry.metadata());
                }
            }
        }
        int payloadLength = out.size() - typePosition - 1;
        CRC32C crc = new CRC32C();
        crc.update(out.array(), typePosition, out.size() - typePosition);
        out.setInt(start, payloadLength);
        out.setInt(start + 4, (int) crc.getValue());
    }

    static boolean crcMatches(int expected, byte[] typeAndPayload, int length) {
        CRC32C crc = new CRC32C();
        crc.update(typeAndPayload, 0, length);
        return (int) crc.getValue() == expected;
    }

    /**
     * Decodes {@code typeAndPayload[0, length)} (type byte first) whose CRC already matched.
     *
     * @throws CorruptChunkException when the payload does not parse
     */
    static WalRecord read(byte[] typeAndPayload, int length) {
        ByteReader reader = new ByteReader(typeAndPayload, 0, length);
        int type = reader.readByte();
        String tenant = reader.readString();
        long fingerprint = reader.readLong();
        WalRecord record = switch (type) {
            case TYPE_SERIES -> new WalRecord.Series(tenant, fingerprint, reader.readLabels());
            case TYPE_ENTRIES -> {
                int count = reader.readLength();
                if (count > reader.remaining()) {
                    throw new CorruptChunkException("entries record claims " + count + " entries");
                }
                List<LogEntry> entries = new ArrayList<>(count);
                long time = 0;
                for (int i = 0; i < count; i++) {
                    time += reader.readVarint();
                    String line = reader.readString();
                    Labels metadata = reader.readLabels();
                    entries.add(new LogEntry(time, line, metadata));
                }
                yield new WalRecord.Entries(tenant, fingerprint, entries);
            }
            default -> throw new CorruptChunkException("unknown WAL record type " + type);
        };
        if (reader.remaining() != 0) {
            throw new CorruptChunkException("WAL record has " + reader.remaining() + " trailing bytes");
        }
        return record;
    }
}
