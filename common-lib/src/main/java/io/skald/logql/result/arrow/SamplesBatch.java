package io.skald.logql.result.arrow;

import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One decoded record batch of a sample result, its three fixed-width columns copied onto the heap in bulk: a merge
 * then reads plain arrays, and the batch holds no Arrow memory.
 */
final class SamplesBatch {
    private final int rows;
    private final int[] series;
    private final long[] timestamps;
    private final double[] values;

    private SamplesBatch(int rows, int[] series, long[] timestamps, double[] values) {
        this.rows = rows;
        this.series = series;
        this.timestamps = timestamps;
        this.values = values;
    }

    /** Copies the columns of the batch {@code root} holds. */
    static SamplesBatch copyFrom(VectorSchemaRoot root) {
        int rows = root.getRowCount();
        return new SamplesBatch(
                rows,
                Columns.ints(Transfer.column(root, ResultSchema.SERIES, IntVector.class), rows),
                Columns.longs(Transfer.column(root, ResultSchema.TIMESTAMP, TimeStampMilliVector.class), rows),
                Columns.doubles(Transfer.column(root, ResultSchema.VALUE, Float8Vector.class), rows));
    }

    int rows() {
        return rows;
    }

    /** The row's index into the part's series dictionary. */
    int series(int row) {
        return series[row];
    }

    long timestampMillis(int row) {
        return timestamps[row];
    }

    double value(int row) {
        return values[row];
    }
}
