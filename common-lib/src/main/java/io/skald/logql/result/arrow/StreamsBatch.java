package io.skald.logql.result.arrow;

import io.skald.logql.result.LogEntry;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;

/**
 * One decoded record batch of a streams result. The narrow columns the merge reads for every row (stream index,
 * timestamp) are copied onto the heap in bulk; lines and label maps stay in Arrow memory, read only for kept rows.
 */
final class StreamsBatch implements AutoCloseable {
    private final int rows;
    private final int[] streams;
    private final long[] timestamps;
    private final VarCharVector lines;
    private final MapVector metadata;
    private final MapVector parsed;

    private StreamsBatch(
            int rows, int[] streams, long[] timestamps, VarCharVector lines, MapVector metadata, MapVector parsed) {
        this.rows = rows;
        this.streams = streams;
        this.timestamps = timestamps;
        this.lines = lines;
        this.metadata = metadata;
        this.parsed = parsed;
    }

    /** Takes the columns of the batch {@code root} holds; the root is left empty for the next batch. */
    static StreamsBatch takeFrom(VectorSchemaRoot root, BufferAllocator allocator) {
        int rows = root.getRowCount();
        int[] streams = Columns.ints(Transfer.column(root, ResultSchema.LABELS, IntVector.class), rows);
        long[] timestamps =
                Columns.longs(Transfer.column(root, ResultSchema.TIMESTAMP, TimeStampNanoVector.class), rows);
        VarCharVector lines = Transfer.take(root, ResultSchema.LINE, VarCharVector.class, allocator);
        MapVector metadata = Transfer.take(root, ResultSchema.STRUCTURED_METADATA, MapVector.class, allocator);
        MapVector parsed = Transfer.take(root, ResultSchema.PARSED, MapVector.class, allocator);
        return new StreamsBatch(rows, streams, timestamps, lines, metadata, parsed);
    }

    int rows() {
        return rows;
    }

    /** The row's index into the part's stream dictionary. */
    int stream(int row) {
        return streams[row];
    }

    long timestampNanos(int row) {
        return timestamps[row];
    }

    /** The row as an entry: the only per-row objects a merge creates, and only for rows it keeps. */
    LogEntry entry(int row, Utf8Reader utf8) {
        return new LogEntry(
                timestamps[row],
                utf8.read(lines, row),
                LabelMaps.read(metadata, row, utf8),
                LabelMaps.read(parsed, row, utf8));
    }

    @Override
    public void close() {
        lines.close();
        metadata.close();
        parsed.close();
    }
}
