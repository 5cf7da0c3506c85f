package io.skald.logql.result.arrow;

import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Sample;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A decoded matrix, vector or scalar: the series label sets (the IPC dictionary) and the sample rows, in batches. */
public final class ArrowSamplesPart implements ArrowResultPart {
    private final SampleKind kind;
    private final Labels[] series;
    private final List<SamplesBatch> batches;

    ArrowSamplesPart(SampleKind kind, Labels[] series, List<SamplesBatch> batches) {
        this.kind = kind;
        this.series = series;
        this.batches = List.copyOf(batches);
    }

    public SampleKind kind() {
        return kind;
    }

    /** The number of series (for a vector: samples), points or not. */
    public int seriesCount() {
        return series.length;
    }

    public Labels seriesLabels(int index) {
        return series[index];
    }

    @Override
    public long rowCount() {
        long rows = 0;
        for (SamplesBatch batch : batches) {
            rows += batch.rows();
        }
        return rows;
    }

    List<SamplesBatch> batches() {
        return batches;
    }

    int checkedSeries(SamplesBatch batch, int row) {
        int index = batch.series(row);
        if (index < 0 || index >= series.length) {
            throw new IllegalArgumentException("corrupt sample result: series index " + index + " of " + series.length);
        }
        return index;
    }

    @Override
    public QueryResult toResult() {
        return switch (kind) {
            case MATRIX -> toMatrix();
            case VECTOR -> toVector();
            case SCALAR -> toScalar();
        };
    }

    private QueryResult.Matrix toMatrix() {
        int[] counts = new int[series.length];
        for (SamplesBatch batch : batches) {
            for (int row = 0; row < batch.rows(); row++) {
                counts[checkedSeries(batch, row)]++;
            }
        }
        long[][] timestamps = new long[series.length][];
        double[][] values = new double[series.length][];
        for (int i = 0; i < series.length; i++) {
            timestamps[i] = new long[counts[i]];
            values[i] = new double[counts[i]];
        }
        int[] filled = new int[series.length];
        for (SamplesBatch batch : batches) {
            for (int row = 0; row < batch.rows(); row++) {
                int s = batch.series(row);
                int at = filled[s]++;
                timestamps[s][at] = batch.timestampMillis(row);
                values[s][at] = batch.value(row);
            }
        }
        List<Series> out = new ArrayList<>(series.length);
        for (int i = 0; i < series.length; i++) {
            out.add(new Series(series[i], timestamps[i], values[i]));
        }
        return new QueryResult.Matrix(Collections.unmodifiableList(out));
    }

    private QueryResult.Vector toVector() {
        List<Sample> out = new ArrayList<>(series.length);
        for (SamplesBatch batch : batches) {
            for (int row = 0; row < batch.rows(); row++) {
                out.add(new Sample(series[checkedSeries(batch, row)], batch.timestampMillis(row), batch.value(row)));
            }
        }
        return new QueryResult.Vector(Collections.unmodifiableList(out));
    }

    private QueryResult.Scalar toScalar() {
        for (SamplesBatch batch : batches) {
            if (batch.rows() > 0) {
                return new QueryResult.Scalar(batch.timestampMillis(0), batch.value(0));
            }
        }
        throw new IllegalArgumentException("corrupt scalar result: no sample");
    }

    /** Nothing to release: a sample part's columns are copied onto the heap when read. */
    @Override
    public void close() {}
}
