package io.skald.logql.engine;

import io.skald.logql.syntax.RangeOp;
import java.util.Arrays;

/**
 * The range aggregation functions over the samples of one window, {@code [lo, hi)} of a series' time-ordered samples,
 * with Loki's (Prometheus') arithmetic.
 */
final class RangeFunctions {
    private RangeFunctions() {}

    /**
     * The value of {@code op} over samples {@code [lo, hi)} (never empty); {@code rangeNanos} is the selector range,
     * {@code unwrapped} whether the samples come from {@code | unwrap}.
     */
    static double apply(
            RangeOp op, long[] ts, double[] v, int lo, int hi, long rangeNanos, boolean unwrapped, double parameter) {
        double rangeSeconds = rangeNanos / 1e9;
        int n = hi - lo;
        return switch (op) {
            case COUNT_OVER_TIME -> n;
            case RATE -> (unwrapped ? sum(v, lo, hi) : n) / rangeSeconds;
            case BYTES_OVER_TIME, SUM_OVER_TIME -> sum(v, lo, hi);
            case BYTES_RATE -> sum(v, lo, hi) / rangeSeconds;
            case ABSENT_OVER_TIME -> 1;
            case AVG_OVER_TIME -> avg(v, lo, hi);
            case MIN_OVER_TIME -> {
                double min = v[lo];
                for (int i = lo + 1; i < hi; i++) {
                    if (v[i] < min || Double.isNaN(min)) {
                        min = v[i];
                    }
                }
                yield min;
            }
            case MAX_OVER_TIME -> {
                double max = v[lo];
                for (int i = lo + 1; i < hi; i++) {
                    if (v[i] > max || Double.isNaN(max)) {
                        max = v[i];
                    }
                }
                yield max;
            }
            case STDVAR_OVER_TIME -> stdvar(v, lo, hi);
            case STDDEV_OVER_TIME -> Math.sqrt(stdvar(v, lo, hi));
            case QUANTILE_OVER_TIME -> quantile(parameter, Arrays.copyOfRange(v, lo, hi));
            case FIRST_OVER_TIME -> v[lo];
            case LAST_OVER_TIME -> v[hi - 1];
            case RATE_COUNTER -> counterRate(ts, v, lo, hi, rangeNanos);
        };
    }

    /** Whether {@code op} over line samples (not unwrapped) depends only on the window's total. */
    static boolean isLineTotal(RangeOp op) {
        return op == RangeOp.COUNT_OVER_TIME
                || op == RangeOp.RATE
                || op == RangeOp.BYTES_OVER_TIME
                || op == RangeOp.BYTES_RATE;
    }

    /** The value of a line-total op ({@link #isLineTotal}) from the window's total. */
    static double fromTotal(RangeOp op, long total, long rangeNanos) {
        return switch (op) {
            case RATE, BYTES_RATE -> total / (rangeNanos / 1e9);
            default -> total;
        };
    }

    private static double sum(double[] v, int lo, int hi) {
        double sum = 0;
        for (int i = lo; i < hi; i++) {
            sum += v[i];
        }
        return sum;
    }

    private static double avg(double[] v, int lo, int hi) {
        // Prometheus' incremental mean, which is what Loki's avg_over_time uses.
        double mean = 0;
        int count = 0;
        for (int i = lo; i < hi; i++) {
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(v[i]) && (mean > 0) == (v[i] > 0)) {
                    continue;
                }
                if (!Double.isInfinite(v[i]) && !Double.isNaN(v[i])) {
                    continue;
                }
            }
            mean += v[i] / count - mean / count;
        }
        return mean;
    }

    private static double stdvar(double[] v, int lo, int hi) {
        double count = 0;
        double mean = 0;
        double aux = 0;
        for (int i = lo; i < hi; i++) {
            count++;
            double delta = v[i] - mean;
            mean += delta / count;
            aux += delta * (v[i] - mean);
        }
        return aux / count;
    }

    /** Prometheus' quantile with linear interpolation; {@code values} is sorted in place. */
    static double quantile(double q, double[] values) {
        if (values.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(values);
        double n = values.length;
        double rank = q * (n - 1);
        int lowerIndex = (int) Math.max(0, Math.floor(rank));
        int upperIndex = (int) Math.min(n - 1, lowerIndex + 1);
        double weight = rank - Math.floor(rank);
        return values[lowerIndex] * (1 - weight) + values[upperIndex] * weight;
    }

    /**
     * Loki's {@code rate_counter}: Prometheus' extrapolated counter rate, as Loki computes it: sample times in
     * nanoseconds, the window taken to end at the last sample and to start the range <em>in milliseconds</em> before
     * the first one (so the start extrapolation is tiny), durations divided by 1e9.
     */
    private static double counterRate(long[] ts, double[] v, int lo, int hi, long rangeNanos) {
        if (hi - lo < 2) {
            return 0;
        }
        long firstT = ts[lo];
        long lastT = ts[hi - 1];
        long rangeStart = firstT - rangeNanos / 1_000_000;
        long rangeEnd = lastT;
        double result = v[hi - 1] - v[lo];
        double last = 0;
        for (int i = lo; i < hi; i++) {
            if (v[i] < last) {
                result += last;
            }
            last = v[i];
        }
        double durationToStart = (firstT - rangeStart) / 1e9;
        double durationToEnd = (rangeEnd - lastT) / 1e9;
        double sampledInterval = (lastT - firstT) / 1e9;
        double averageBetween = sampledInterval / (hi - lo - 1);
        if (result > 0 && v[lo] >= 0) {
            double durationToZero = sampledInterval * (v[lo] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        double threshold = averageBetween * 1.1;
        double extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
        result = result * (extrapolateTo / sampledInterval);
        return result / (rangeNanos / 1e9);
    }
}
