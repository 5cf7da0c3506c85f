package io.skald.logql.result;

import io.skald.labels.Labels;

/** A metric series of a range query: points at millisecond timestamps, parallel arrays in time order. */
public record Series(Labels metric, long[] timestampsMillis, double[] values) {
    public int size() {
        return timestampsMillis.length;
    }
}
