package io.skald.bench.jmh;

import io.skald.bench.corpus.LineGenerator;
import io.skald.bench.corpus.LogFormat;
import io.skald.labels.Labels;
import io.skald.logql.result.LogEntry;
import io.skald.logql.result.LogStream;
import io.skald.logql.result.QueryResult;
import io.skald.logql.result.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic sub-query results as a split query's queriers would return them: consecutive time splits of one
 * large result, newest split first and entries newest first (a backward log query), or oldest first for a matrix.
 */
final class ResultData {
    private static final LogFormat[] FORMATS = {LogFormat.JSON, LogFormat.LOGFMT};

    private ResultData() {}

    /**
     * {@code streams} streams of {@code linesPerStream} JSON and logfmt lines (about 185 bytes on average), a line
     * per 10 ms per stream, cut into {@code splits} backward parts; every 4th entry carries a {@code trace_id} as
     * structured metadata.
     */
    static List<QueryResult.Streams> streamsSplits(int streams, int linesPerStream, int splits) {
        List<List<List<LogEntry>>> perSplit = new ArrayList<>();
        for (int p = 0; p < splits; p++) {
            List<List<LogEntry>> split = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                split.add(new ArrayList<>());
            }
            perSplit.add(split);
        }
        SplittableRandom random = new SplittableRandom(42);
        int perSplitLines = (linesPerStream + splits - 1) / splits;
        for (int s = 0; s < streams; s++) {
            LineGenerator generator = new LineGenerator(FORMATS[s % FORMATS.length], s);
            for (int i = 0; i < linesPerStream; i++) {
                long t = BenchData.EPOCH_NANOS + i * 10_000_000L + s * 1_000L;
                Labels metadata = i % 4 == 0
                        ? Labels.of("trace_id", String.format(Locale.ROOT, "%016x", random.nextLong()))
                        : Labels.EMPTY;
                perSplit.get(i / perSplitLines).get(s).add(new LogEntry(t, generator.next(t), metadata, Labels.EMPTY));
            }
        }
        List<QueryResult.Streams> out = new ArrayList<>(splits);
        for (int p = splits - 1; p >= 0; p--) {
            List<LogStream> result = new ArrayList<>(streams);
            for (int s = 0; s < streams; s++) {
                result.add(new LogStream(streamLabels(s), perSplit.get(p).get(s).reversed()));
            }
            out.add(new QueryResult.Streams(result));
        }
        return out;
    }

    /**
     * {@code series} series of {@code points} points a minute apart (a day at a 1m step for 1,440), cut into
     * {@code splits} consecutive parts, oldest first; values are counter rates with a few decimals.
     */
    static List<QueryResult.Matrix> matrixSplits(int series, int points, int splits) {
        SplittableRandom random = new SplittableRandom(7);
        long start = BenchData.EPOCH_NANOS / 1_000_000L;
        int perSplit = (points + splits - 1) / splits;
        List<List<Series>> parts = new ArrayList<>();
        for (int p = 0; p < splits; p++) {
            parts.add(new ArrayList<>(series));
        }
        for (int s = 0; s < series; s++) {
            Labels labels = seriesLabels(s);
            for (int p = 0; p < splits; p++) {
                int from = p * perSplit;
                int to = Math.min(points, from + perSplit);
                long[] timestamps = new long[to - from];
                double[] values = new double[to - from];
                for (int i = from; i < to; i++) {
                    timestamps[i - from] = start + i * 60_000L;
                    values[i - from] = Math.round(random.nextDouble() * 500_000) / 1000.0;
                }
                parts.get(p).add(new Series(labels, timestamps, values));
            }
        }
        return parts.stream().map(QueryResult.Matrix::new).toList();
    }

    static Labels streamLabels(int s) {
        String app = "app-" + (s % 20);
        return Labels.of(
                "cluster",
                "prod-eu-1",
                "namespace",
                "team-" + (s % 5),
                "app",
                app,
                "pod",
                app + "-7d9f8c6b5-" + String.format(Locale.ROOT, "%05d", s),
                "container",
                "main",
                "format",
                FORMATS[s % FORMATS.length].label());
    }

    static Labels seriesLabels(int s) {
        return Labels.of(
                "cluster", "prod-eu-1",
                "namespace", "team-" + (s % 5),
                "app", "app-" + (s % 50),
                "level", s % 2 == 0 ? "info" : "error",
                "pod", "app-" + (s % 50) + "-7d9f8c6b5-" + String.format(Locale.ROOT, "%05d", s));
    }

    static long entries(List<QueryResult.Streams> parts) {
        long n = 0;
        for (QueryResult.Streams part : parts) {
            for (LogStream s : part.streams()) {
                n += s.entries().size();
            }
        }
        return n;
    }

    static long lineBytes(List<QueryResult.Streams> parts) {
        long n = 0;
        for (QueryResult.Streams part : parts) {
            for (LogStream s : part.streams()) {
                for (LogEntry e : s.entries()) {
                    n += e.line().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                }
            }
        }
        return n;
    }
}
