package io.skald.bench.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** The measured runs of one query: client latencies (ns), the server's stats of each 2xx run, statuses. */
public record QueryResult(
        NamedQuery query, Percentiles latencyNanos, List<QueryStats> stats, Map<Integer, Long> statuses) {
    public QueryResult {
        stats = List.copyOf(stats);
        statuses = Map.copyOf(statuses);
    }

    /** Bytes processed per second of server execution time, over all runs with stats. */
    public double bytesPerSecond() {
        double exec = 0;
        long bytes = 0;
        for (QueryStats s : stats) {
            exec += s.execTimeSeconds();
            bytes += s.totalBytesProcessed();
        }
        return exec > 0 ? bytes / exec : Double.NaN;
    }

    /** Lines processed per second of server execution time, over all runs with stats. */
    public double linesPerSecond() {
        double exec = 0;
        long lines = 0;
        for (QueryStats s : stats) {
            exec += s.execTimeSeconds();
            lines += s.totalLinesProcessed();
        }
        return exec > 0 ? lines / exec : Double.NaN;
    }

    public String format() {
        Percentiles latency = latencyNanos;
        long bytes = stats.isEmpty() ? 0 : stats.get(stats.size() - 1).totalBytesProcessed();
        long lines = stats.isEmpty() ? 0 : stats.get(stats.size() - 1).totalLinesProcessed();
        StringJoiner failures = new StringJoiner(",");
        new TreeMap<>(statuses).forEach((status, count) -> {
            if (status < 200 || status > 299) {
                failures.add(status + ":" + count);
            }
        });
        return String.format(
                Locale.ROOT,
                "RESULT query name=%s runs=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f bytes=%d lines=%d gb_per_s=%.3f"
                        + " lines_per_s=%.0f non2xx=%s",
                query.name(),
                latency.count(),
                latency.percentile(50) / 1e6,
                latency.percentile(99) / 1e6,
                latency.max() / 1e6,
                bytes,
                lines,
                bytesPerSecond() / 1e9,
                linesPerSecond(),
                failures.length() == 0 ? "none" : failures.toString());
    }
}
