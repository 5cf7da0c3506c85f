package io.skald.logql.result;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Query results as values that compare by content ({@link Series} holds arrays, which records compare by identity):
 * points become lists, doubles their bit patterns (so NaN equals NaN and -0 differs from 0).
 */
public final class ResultView {
    private ResultView() {}

    /** A content-comparable view of {@code result}. */
    public static Object of(QueryResult result) {
        return switch (result) {
            case QueryResult.Streams streams -> streams;
            case QueryResult.Matrix matrix -> {
                List<SeriesView> out = new ArrayList<>();
                for (Series s : matrix.series()) {
                    List<Point> points = new ArrayList<>(s.size());
                    for (int i = 0; i < s.size(); i++) {
                        points.add(new Point(s.timestampsMillis()[i], Double.doubleToLongBits(s.values()[i])));
                    }
                    out.add(new SeriesView(s.metric(), points));
                }
                yield new MatrixView(out);
            }
            case QueryResult.Vector vector -> {
                List<SampleView> out = new ArrayList<>();
                for (Sample s : vector.samples()) {
                    out.add(new SampleView(s.metric(), s.timestampMillis(), Double.doubleToLongBits(s.value())));
                }
                yield new VectorView(out);
            }
            case QueryResult.Scalar scalar ->
                new SampleView(Labels.EMPTY, scalar.timestampMillis(), Double.doubleToLongBits(scalar.value()));
        };
    }

    record Point(long timestampMillis, long valueBits) {}

    record SeriesView(Labels metric, List<Point> points) {}

    record MatrixView(List<SeriesView> series) {}

    record SampleView(Labels metric, long timestampMillis, long valueBits) {}

    record VectorView(List<SampleView> samples) {}
}
