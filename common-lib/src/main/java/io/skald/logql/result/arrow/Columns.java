package io.skald.logql.result.arrow;

import java.nio.ByteOrder;
import org.apache.arrow.vector.BaseFixedWidthVector;

/**
 * Bulk copies of fixed-width columns onto the heap: one bounds check per column instead of one bounds and one
 * validity check per cell, so merge loops run over plain arrays. The columns are declared non-nullable.
 */
final class Columns {
    private Columns() {}

    static long[] longs(BaseFixedWidthVector vector, int rows) {
        long[] out = new long[rows];
        vector.getDataBuffer()
                .nioBuffer(0, rows * Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer()
                .get(out);
        return out;
    }

    static int[] ints(BaseFixedWidthVector vector, int rows) {
        int[] out = new int[rows];
        vector.getDataBuffer()
                .nioBuffer(0, rows * Integer.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer()
                .get(out);
        return out;
    }

    static double[] doubles(BaseFixedWidthVector vector, int rows) {
        double[] out = new double[rows];
        vector.getDataBuffer()
                .nioBuffer(0, rows * Double.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer()
                .get(out);
        return out;
    }
}
