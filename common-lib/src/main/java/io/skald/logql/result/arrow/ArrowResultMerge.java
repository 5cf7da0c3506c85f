package io.skald.logql.result.arrow;

import io.skald.chunk.Direction;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges decoded sub-query results column-wise, with the frontend's split-merge semantics, creating objects only for
 * what the merged result holds: a streams merge reads timestamps and stream indexes in place and builds a
 * {@link LogEntry} only for the entries it keeps; a matrix merge copies points into one primitive array per series.
 */
public final class ArrowResultMerge {
    private ArrowResultMerge() {}

    /**
     * Log results of consecutive splits given in {@code direction} order (newest split first for backward queries):
     * takes entries in direction order across streams, ties broken by the stream's label text, up to {@code limit},
     * grouped by labels in order of first appearance. Equal to {@code StreamsMerge.merge} of the decoded parts.
     */
    public static QueryResult.Streams mergeStreams(
            List<ArrowStreamsPart> partsInDirectionOrder, Direction direction, int limit) {
        Map<Labels, List<LogEntry>> groups = new LinkedHashMap<>();
        Utf8Reader utf8 = new Utf8Reader();
        int taken = 0;
        for (ArrowStreamsPart part : partsInDirectionOrder) {
            if (taken >= limit) {
                break;
            }
            EntryRuns runs = new EntryRuns(part, direction == Direction.FORWARD);
            List<List<LogEntry>> targets = new ArrayList<>(Collections.nCopies(part.streamCount(), null));
            while (taken < limit && runs.hasNext()) {
                int stream = runs.nextStream();
                StreamsBatch batch = runs.nextBatch();
                int row = runs.nextRow();
                List<LogEntry> target = targets.get(stream);
                if (target == null) {
                    target = groups.computeIfAbsent(part.streamLabels(stream), k -> new ArrayList<>());
                    targets.set(stream, target);
                }
                target.add(batch.entry(row, utf8));
                taken++;
            }
        }
        List<LogStream> out = new ArrayList<>(groups.size());
        groups.forEach((labels, entries) -> out.add(new LogStream(labels, Collections.unmodifiableList(entries))));
        return new QueryResult.Streams(Collections.unmodifiableList(out));
    }

    /**
     * Matrices of the same query over different time ranges: series by labels (ordered by labels), points in time
     * order; when two parts hold the same timestamp the earlier part's value wins. Equal to
     * {@code MatrixMerge.merge} of the decoded parts.
     *
     * @throws IllegalArgumentException when a part is not a matrix
     */
    public static QueryResult.Matrix mergeMatrix(List<ArrowSamplesPart> parts) {
        Map<Labels, PointBuffer> bySeries = new TreeMap<>();
        for (ArrowSamplesPart part : parts) {
            if (part.kind() != SampleKind.MATRIX) {
                throw new IllegalArgumentException(
                        "cannot merge a " + part.kind().resultType() + " as a matrix");
            }
            PointBuffer[] local = new PointBuffer[part.seriesCount()];
            for (SamplesBatch batch : part.batches()) {
                for (int row = 0; row < batch.rows(); row++) {
                    int series = part.checkedSeries(batch, row);
                    PointBuffer points = local[series];
                    if (points == null) {
                        points = bySeries.computeIfAbsent(part.seriesLabels(series), k -> new PointBuffer());
                        local[series] = points;
                    }
                    points.add(batch.timestampMillis(row), batch.value(row));
                }
            }
        }
        List<Series> out = new ArrayList<>(bySeries.size());
        bySeries.forEach((labels, points) -> {
            if (!points.isEmpty()) {
                out.add(points.toSeries(labels));
            }
        });
        return new QueryResult.Matrix(Collections.unmodifiableList(out));
    }
}
