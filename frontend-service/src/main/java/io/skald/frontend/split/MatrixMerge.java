package io.skald.frontend.split;

import io.skald.labels.Labels;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges matrices of the same query over different time ranges: series by labels, points in time order; when two
 * parts hold the same timestamp the earlier part's value wins, so a series never has duplicate timestamps.
 */
public final class MatrixMerge {
    private MatrixMerge() {}

    /** The merged matrix; series ordered by labels. */
    public static QueryResult.Matrix merge(List<QueryResult.Matrix> parts) {
        Map<Labels, TreeMap<Long, Double>> points = new TreeMap<>();
        for (QueryResult.Matrix part : parts) {
            for (Series series : part.series()) {
                TreeMap<Long, Double> byTime = points.computeIfAbsent(series.metric(), k -> new TreeMap<>());
                for (int i = 0; i < series.size(); i++) {
                    byTime.putIfAbsent(series.timestampsMillis()[i], series.values()[i]);
                }
            }
        }
        return toMatrix(points);
    }

    /** A matrix from per-label point maps, series ordered by the map's iteration order; empty series are dropped. */
    public static QueryResult.Matrix toMatrix(Map<Labels, ? extends Map<Long, Double>> points) {
        List<Series> out = new ArrayList<>(points.size());
        points.forEach((labels, byTime) -> {
            if (byTime.isEmpty()) {
                return;
            }
            long[] timestamps = new long[byTime.size()];
            double[] values = new double[byTime.size()];
            int i = 0;
            for (Map.Entry<Long, Double> e : byTime.entrySet()) {
                timestamps[i] = e.getKey();
                values[i++] = e.getValue();
            }
            out.add(new Series(labels, timestamps, values));
        });
        return new QueryResult.Matrix(out);
    }

    /** The points of a matrix whose timestamps lie in {@code [fromMillis, throughMillis]}. */
    public static QueryResult.Matrix slice(QueryResult.Matrix matrix, long fromMillis, long throughMillis) {
        List<Series> out = new ArrayList<>(matrix.series().size());
        for (Series s : matrix.series()) {
            int from = 0;
            while (from < s.size() && s.timestampsMillis()[from] < fromMillis) {
                from++;
            }
            int to = from;
            while (to < s.size() && s.timestampsMillis()[to] <= throughMillis) {
                to++;
            }
            if (to > from) {
                out.add(new Series(
                        s.metric(),
                        java.util.Arrays.copyOfRange(s.timestampsMillis(), from, to),
                        java.util.Arrays.copyOfRange(s.values(), from, to)));
            }
        }
        return new QueryResult.Matrix(out);
    }
}
