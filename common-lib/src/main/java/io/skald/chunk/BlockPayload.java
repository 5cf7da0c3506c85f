package io.skald.chunk;

import io.skald.labels.Labels;
import java.util.HashMap;
import java.util.Map;

/** Writes the uncompressed block payload that {@link BlockView#parse(int)} reads; layout in docs/chunk-format.md. */
final class BlockPayload {
    static final int METADATA_NONE = 0;
    static final int METADATA_SYMBOLS = 1;
    /** Metadata instances whose symbol ids {@link #write} remembers. */
    private static final int SEEN = 8;

    private BlockPayload() {}

    /**
     * Writes entries {@code order[0..count)} of the head columns. Timestamps must be non-decreasing in that order.
     */
    @SuppressWarnings("ReferenceEquality") // the metadata cache is by instance: that is what makes it cheap
    static void write(
            ByteWriter out,
            int count,
            int[] order,
            long[] timestamps,
            int[] lineStarts,
            int[] lineLengths,
            byte[] lines,
            Labels[] metadata,
            boolean anyMetadata) {
        long linesLength = 0;
        for (int i = 0; i < count; i++) {
            linesLength += lineLengths[order[i]];
        }
        out.writeUvarint(count);
        out.writeUvarint(linesLength);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long time = timestamps[order[i]];
            if (i == 0) {
                out.writeVarint(time);
            } else {
                out.writeUvarint(time - previous);
            }
            previous = time;
        }
        for (int i = 0; i < count; i++) {
            out.writeUvarint(lineLengths[order[i]]);
        }
        for (int i = 0; i < count; i++) {
            out.writeBytes(lines, lineStarts[order[i]], lineLengths[order[i]]);
        }
        if (!anyMetadata) {
            out.writeByte(METADATA_NONE);
            return;
        }
        // Metadata names and values repeat heavily across entries, so each distinct string is stored once.
        Map<String, Integer> symbolIds = new HashMap<>();
        ByteWriter references = new ByteWriter(count * 4);
        ByteWriter symbolTable = new ByteWriter(256);
        // Most entries carry one of a few metadata sets (detected_level); the ingester hands those in as shared
        // instances, so the symbol ids of the last few instances seen are reused without map lookups.
        Labels[] seen = new Labels[SEEN];
        int[][] seenIds = new int[SEEN][];
        int seenCount = 0;
        for (int i = 0; i < count; i++) {
            Labels pairs = metadata[order[i]];
            int size = pairs == null ? 0 : pairs.size();
            references.writeUvarint(size);
            if (size == 0) {
                continue;
            }
            int[] ids = null;
            for (int k = 0; k < seenCount; k++) {
                if (seen[k] == pairs) {
                    ids = seenIds[k];
                    break;
                }
            }
            if (ids == null) {
                ids = new int[2 * size];
                for (int p = 0; p < size; p++) {
                    ids[2 * p] = symbol(symbolIds, symbolTable, pairs.name(p));
                    ids[2 * p + 1] = symbol(symbolIds, symbolTable, pairs.value(p));
                }
                int slot = seenCount < SEEN ? seenCount++ : i % SEEN;
                seen[slot] = pairs;
                seenIds[slot] = ids;
            }
            for (int id : ids) {
                references.writeUvarint(id);
            }
        }
        out.writeByte(METADATA_SYMBOLS);
        out.writeUvarint(symbolIds.size());
        out.writeBytes(symbolTable.array(), 0, symbolTable.size());
        out.writeBytes(references.array(), 0, references.size());
    }

    private static int symbol(Map<String, Integer> ids, ByteWriter table, String value) {
        Integer id = ids.get(value);
        if (id != null) {
            return id;
        }
        int next = ids.size();
        ids.put(value, next);
        table.writeString(value);
        return next;
    }
}
