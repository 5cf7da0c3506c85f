package io.skald.logql.result.arrow;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** One decoded record batch of a sample result, owning its columns; cells are read in place. */
final class SamplesBatch implements AutoCloseable {
    private final int rows;
    private final IntVector series;
    private final TimeStampMilliVector timestamps;
    private final Float8Vector values;

    private SamplesBatch(int rows, IntVector series, TimeStampMilliVector timestamps, Float8Vector values) {
        this.rows = rows;
        this.series = series;
        this.timestamps = timestamps;
        this.values = values;
    }

    /** Takes the columns of the batch {@code root} holds; the root is left empty for the next batch. */
    static SamplesBatch takeFrom(VectorSchemaRoot root, BufferAllocator allocator) {
        int rows = root.getRowCount();
        IntVector series = Transfer.take(root, ResultSchema.SERIES, IntVector.class, allocator);
        TimeStampMilliVector timestamps =
                Transfer.take(root, ResultSchema.TIMESTAMP, TimeStampMilliVector.class, allocator);
        Float8Vector values = Transfer.take(root, ResultSchema.VALUE, Float8Vector.class, allocator);
        return new SamplesBatch(rows, series, timestamps, values);
    }

    int rows() {
        return rows;
    }

    /** The row's index into the part's series dictionary. */
    int series(int row) {
        return series.get(row);
    }

    long timestampMillis(int row) {
        return timestamps.get(row);
    }

    double value(int row) {
        return values.get(row);
    }

    @Override
    public void close() {
        series.close();
        timestamps.close();
        values.close();
    }
}
