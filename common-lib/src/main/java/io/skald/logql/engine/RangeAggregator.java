package io.skald.logql.engine;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.log.ErrorLabels;
import io.skald.logql.log.Grouping;
import io.skald.logql.log.SampleExtractor;
import io.skald.logql.syntax.LabelMatcher;
import io.skald.logql.syntax.PipelineStage;
import io.skald.logql.syntax.RangeAggregationExpr;
import io.skald.logql.syntax.RangeOp;
import io.skald.server.LokiHttpException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a range aggregation at every step: reads each selected stream once over the union of all windows, turns
 * entries into samples grouped by series, then slides the window {@code (t - range - offset, t - offset]} over each
 * series' time-ordered samples with two indices.
 */
final class RangeAggregator {
    private RangeAggregator() {}

    /**
     * The series of {@code expr}; {@code pushed} is a grouping pushed down from an enclosing {@code sum} (null when
     * none).
     */
    static List<StepSeries> evaluate(
            EvalContext ctx, RangeAggregationExpr expr, io.skald.logql.syntax.@Nullable Grouping pushed) {
        io.skald.logql.syntax.Grouping own = expr.grouping();
        io.skald.logql.syntax.Grouping effective = own != null ? own : pushed;
        Grouping grouping =
                effective == null || expr.op() == RangeOp.ABSENT_OVER_TIME ? null : PipelineFactory.grouping(effective);
        // A "by" that names __error__ asks for the errors: they become series instead of failing the query.
        boolean errorsRequested =
                grouping != null && !grouping.without() && grouping.labels().contains(ErrorLabels.ERROR);
        SampleExtractor extractor = PipelineFactory.extractor(expr.range(), expr.op(), grouping);
        long rangeNanos = expr.range().range().toNanos();
        long offsetNanos = expr.range().offset().toNanos();
        long[] steps = ctx.steps();
        long from = steps[0] - rangeNanos - offsetNanos + 1;
        long through = steps[steps.length - 1] - offsetNanos + 1;
        List<PipelineStage.LineFilter> lineFilters =
                PipelineFactory.leadingLineFilters(expr.range().selector().stages());
        SelectRequest request = new SelectRequest(
                ctx.tenant(),
                expr.range().selector().matchers(),
                from,
                through,
                Direction.FORWARD,
                lineFilters,
                new ArrayList<PipelineStage>(lineFilters),
                0,
                true);
        Map<Labels, Buffer> series = new LinkedHashMap<>();
        try (StreamIterator streams = ctx.source().select(request)) {
            for (SourceStream s = streams.next(); s != null; s = streams.next()) {
                SampleExtractor.StreamSampleExtractor stream = extractor.forStream(s.labels());
                EntryCursor cursor = s.entries();
                Map<Labels, Buffer> local = new HashMap<>();
                while (cursor.next()) {
                    SampleExtractor.Sample sample =
                            stream.process(cursor.timestampNanos(), cursor.line(), cursor.structuredMetadata());
                    if (sample == null) {
                        continue;
                    }
                    Labels labels = sample.labels().labels();
                    Buffer buffer = local.get(labels);
                    if (buffer == null) {
                        buffer = series.computeIfAbsent(labels, Buffer::new);
                        local.put(labels, buffer);
                    }
                    buffer.add(cursor.timestampNanos(), sample.value());
                }
            }
        }
        boolean unwrapped = expr.range().unwrap() != null;
        double parameter = expr.parameter() == null ? 0 : expr.parameter();
        if (expr.op() == RangeOp.ABSENT_OVER_TIME) {
            return absent(ctx, expr, series.values(), rangeNanos, offsetNanos);
        }
        List<StepSeries> out = new ArrayList<>(series.size());
        Map<Labels, StepSeries> regrouped = new LinkedHashMap<>();
        for (Buffer buffer : series.values()) {
            buffer.sortIfNeeded();
            StepSeries result = new StepSeries(buffer.labels, steps.length);
            // Line counts and byte sizes are whole numbers: exact prefix sums give each window in O(1).
            long @Nullable [] prefix = !unwrapped && RangeFunctions.isLineTotal(expr.op()) ? buffer.prefixSums() : null;
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < steps.length; i++) {
                long end = steps[i] - offsetNanos;
                long start = end - rangeNanos;
                while (lo < buffer.size && buffer.ts[lo] <= start) {
                    lo++;
                }
                if (hi < lo) {
                    hi = lo;
                }
                while (hi < buffer.size && buffer.ts[hi] <= end) {
                    hi++;
                }
                if (hi > lo) {
                    double value = prefix != null
                            ? RangeFunctions.fromTotal(expr.op(), prefix[hi] - prefix[lo], rangeNanos)
                            : RangeFunctions.apply(
                                    expr.op(), buffer.ts, buffer.values, lo, hi, rangeNanos, unwrapped, parameter);
                    result.set(i, value);
                }
            }
            if (result.isEmpty()) {
                continue;
            }
            String error = buffer.labels.get(ErrorLabels.ERROR);
            if (error != null && !error.isEmpty()) {
                if (!errorsRequested) {
                    throw new LokiHttpException(
                            400, "pipeline error: '" + error + "' for series: '" + buffer.labels + "'");
                }
                // Errors keep all their labels in extraction; apply the requested grouping now.
                Labels grouped = keepOnly(buffer.labels, grouping.labels());
                StepSeries existing = regrouped.get(grouped);
                if (existing == null) {
                    regrouped.put(grouped, result.withLabels(grouped));
                } else {
                    for (int i = 0; i < steps.length; i++) {
                        if (result.present[i]) {
                            existing.set(
                                    i, existing.present[i] ? existing.values[i] + result.values[i] : result.values[i]);
                        }
                    }
                }
                continue;
            }
            out.add(result);
        }
        out.addAll(regrouped.values());
        return out;
    }

    private static Labels keepOnly(Labels labels, List<String> names) {
        Labels.Builder b = Labels.builder();
        labels.forEach((n, v) -> {
            if (names.contains(n)) {
                b.set(n, v);
            }
        });
        return b.build();
    }

    /** absent_over_time: 1 at the steps where no series has a sample, labelled by the selector's equality matchers. */
    private static List<StepSeries> absent(
            EvalContext ctx,
            RangeAggregationExpr expr,
            java.util.Collection<Buffer> series,
            long rangeNanos,
            long offsetNanos) {
        long[] steps = ctx.steps();
        boolean[] seen = new boolean[steps.length];
        for (Buffer buffer : series) {
            buffer.sortIfNeeded();
            int lo = 0;
            for (int i = 0; i < steps.length; i++) {
                long end = steps[i] - offsetNanos;
                long start = end - rangeNanos;
                while (lo < buffer.size && buffer.ts[lo] <= start) {
                    lo++;
                }
                if (lo < buffer.size && buffer.ts[lo] <= end) {
                    seen[i] = true;
                }
            }
        }
        Labels.Builder labels = Labels.builder();
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> duplicated = new java.util.HashSet<>();
        for (LabelMatcher m : expr.range().selector().matchers()) {
            if (m.type() == LabelMatcher.Type.EQUAL && !names.add(m.name())) {
                duplicated.add(m.name());
            }
        }
        for (LabelMatcher m : expr.range().selector().matchers()) {
            if (m.type() == LabelMatcher.Type.EQUAL && !duplicated.contains(m.name())) {
                labels.set(m.name(), m.value());
            }
        }
        StepSeries result = new StepSeries(labels.build(), steps.length);
        for (int i = 0; i < steps.length; i++) {
            if (!seen[i]) {
                result.set(i, 1);
            }
        }
        return result.isEmpty() ? List.of() : List.of(result);
    }

    /** A series' samples, appended in stream order and sorted by time before use. */
    private static final class Buffer {
        final Labels labels;
        long[] ts = new long[16];
        double[] values = new double[16];
        int size;
        boolean sorted = true;

        Buffer(Labels labels) {
            this.labels = labels;
        }

        void add(long t, double v) {
            if (size == ts.length) {
                ts = Arrays.copyOf(ts, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            if (size > 0 && ts[size - 1] > t) {
                sorted = false;
            }
            ts[size] = t;
            values[size] = v;
            size++;
        }

        long[] prefixSums() {
            long[] prefix = new long[size + 1];
            for (int i = 0; i < size; i++) {
                prefix[i + 1] = prefix[i] + (long) values[i];
            }
            return prefix;
        }

        /**
         * Sorts by time, stably. The samples come stream after stream, each stream in time order: a merge of those
         * sorted runs, on primitive arrays.
         */
        void sortIfNeeded() {
            if (sorted) {
                return;
            }
            int[] bounds = new int[size + 1];
            int runs = 0;
            bounds[runs++] = 0;
            for (int i = 1; i < size; i++) {
                if (ts[i] < ts[i - 1]) {
                    bounds[runs++] = i;
                }
            }
            bounds[runs] = size;
            long[] fromTs = ts;
            double[] fromValues = values;
            long[] toTs = new long[fromTs.length];
            double[] toValues = new double[fromValues.length];
            while (runs > 1) {
                int merged = 0;
                int k = 0;
                for (; k + 1 < runs; k += 2) {
                    merge(fromTs, fromValues, toTs, toValues, bounds[k], bounds[k + 1], bounds[k + 2]);
                    bounds[merged++] = bounds[k];
                }
                if (k < runs) {
                    System.arraycopy(fromTs, bounds[k], toTs, bounds[k], bounds[k + 1] - bounds[k]);
                    System.arraycopy(fromValues, bounds[k], toValues, bounds[k], bounds[k + 1] - bounds[k]);
                    bounds[merged++] = bounds[k];
                }
                bounds[merged] = size;
                runs = merged;
                long[] t = fromTs;
                fromTs = toTs;
                toTs = t;
                double[] v = fromValues;
                fromValues = toValues;
                toValues = v;
            }
            ts = fromTs;
            values = fromValues;
            sorted = true;
        }

        /** Merges the sorted runs {@code [lo, mid)} and {@code [mid, hi)}; on equal times the first run's come first. */
        private static void merge(
                long[] ts, double[] values, long[] outTs, double[] outValues, int lo, int mid, int hi) {
            int i = lo;
            int j = mid;
            int o = lo;
            while (i < mid && j < hi) {
                if (ts[j] < ts[i]) {
                    outTs[o] = ts[j];
                    outValues[o++] = values[j++];
                } else {
                    outTs[o] = ts[i];
                    outValues[o++] = values[i++];
                }
            }
            while (i < mid) {
                outTs[o] = ts[i];
                outValues[o++] = values[i++];
            }
            while (j < hi) {
                outTs[o] = ts[j];
                outValues[o++] = values[j++];
            }
        }
    }
}
