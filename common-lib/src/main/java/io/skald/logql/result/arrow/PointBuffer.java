package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import io.skald.logql.result.Series;
import java.util.Arrays;

/**
 * The points of one series gathered from several parts in part order. A series whose parts cover consecutive time
 * ranges arrives strictly increasing and is copied once; otherwise it is stably sorted by time and the first point
 * of each timestamp kept, so the earlier part wins, as in the frontend's matrix merge.
 */
final class PointBuffer {
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int size;
    private boolean increasing = true;

    void add(long timestampMillis, double value) {
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        if (size > 0 && timestampMillis <= timestamps[size - 1]) {
            increasing = false;
        }
        timestamps[size] = timestampMillis;
        values[size++] = value;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Series toSeries(Labels labels) {
        if (increasing) {
            return new Series(labels, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
        }
        int[] order = StableOrder.byKey(timestamps, size);
        long[] outTimestamps = new long[size];
        double[] outValues = new double[size];
        int n = 0;
        for (int position : order) {
            long t = timestamps[position];
            if (n > 0 && outTimestamps[n - 1] == t) {
                continue;
            }
            outTimestamps[n] = t;
            outValues[n++] = values[position];
        }
        return new Series(labels, Arrays.copyOf(outTimestamps, n), Arrays.copyOf(outValues, n));
    }
}
