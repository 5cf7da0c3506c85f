package io.skald.frontend.split;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Cuts a range query at multiples of {@code split_queries_by_interval}, with Loki's boundaries. */
public final class IntervalSplitter {
    private IntervalSplitter() {}

    /**
     * The sub-queries in time order. Log queries: {@code [start, b1), [b1, b2), ..., [bk, end)} with the b's multiples
     * of the interval since the epoch. Metric queries: start is rounded down and end up to the step (as Loki's
     * {@code splitMetricByTime}); each part ends at the last step before the next interval boundary and the next part
     * starts one step later, so every step belongs to exactly one part. A step at least as long as the interval gives
     * one part per step. A non-positive interval leaves the query whole.
     */
    public static List<RangeQuery> split(RangeQuery query, Duration interval) {
        long intervalNanos = interval.toNanos();
        if (intervalNanos <= 0) {
            return List.of(query);
        }
        return query.isLogQuery() ? splitLogs(query, intervalNanos) : splitMetric(query, intervalNanos);
    }

    /** Rounds a metric query's start down and its end up to its step, as every metric split does. */
    public static RangeQuery alignToStep(RangeQuery query) {
        long step = query.stepNanos();
        long start = query.startNanos() - Math.floorMod(query.startNanos(), step);
        long end = query.endNanos() + Math.floorMod(-query.endNanos(), step);
        return query.withRange(start, end);
    }

    private static List<RangeQuery> splitLogs(RangeQuery query, long interval) {
        long start = query.startNanos();
        long end = query.endNanos();
        if (start >= end) {
            return List.of(query);
        }
        List<RangeQuery> parts = new ArrayList<>();
        for (long s = Math.floorDiv(start, interval) * interval; s < end; s += interval) {
            parts.add(query.withRange(Math.max(s, start), Math.min(s + interval, end)));
        }
        return parts;
    }

    private static List<RangeQuery> splitMetric(RangeQuery original, long interval) {
        RangeQuery query = alignToStep(original);
        long step = query.stepNanos();
        long end = query.endNanos();
        List<RangeQuery> parts = new ArrayList<>();
        if (step >= interval) {
            for (long t = query.startNanos(); t <= end; t += step) {
                parts.add(query.withRange(t, t));
            }
            return parts;
        }
        for (long s = query.startNanos(); s <= end; ) {
            long boundary = lastStepBeforeNextBoundary(s, step, interval);
            if (boundary + step >= end) {
                boundary = end;
            }
            parts.add(query.withRange(s, boundary));
            s = boundary + step;
        }
        return parts;
    }

    /** Loki's {@code nextIntervalBoundary}: the last time a whole number of steps after t before the next boundary. */
    static long lastStepBeforeNextBoundary(long t, long step, long interval) {
        long nextBoundary = (Math.floorDiv(t, interval) + 1) * interval;
        long target = nextBoundary - ((nextBoundary - t) % step);
        return target == nextBoundary ? target - step : target;
    }
}
