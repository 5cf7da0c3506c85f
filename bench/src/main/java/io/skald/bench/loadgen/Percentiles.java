package io.skald.bench.loadgen;

import java.util.Arrays;

/** Nearest-rank percentiles over a sorted copy of the samples. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** The {@code p}-th percentile ({@code 0 < p <= 100}), or 0 without samples. */
    public long percentile(double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    public long max() {
        return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
}
