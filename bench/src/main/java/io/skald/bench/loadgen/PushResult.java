package io.skald.bench.loadgen;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a push run did: lines and raw line bytes accepted (2xx) and sent, pushes, wall time, the push latencies in
 * nanoseconds, responses by HTTP status (0 = no response) with the first error body seen for each failing status, and
 * how many times the clients wrapped around their pre-encoded pools.
 */
public record PushResult(
        long acceptedLines,
        long acceptedBytes,
        long sentLines,
        long pushes,
        long elapsedNanos,
        Percentiles latencyNanos,
        Map<Integer, Long> statusCounts,
        Map<Integer, String> firstErrors,
        long wraps) {

    public PushResult {
        statusCounts = Map.copyOf(new TreeMap<>(statusCounts));
        firstErrors = Map.copyOf(firstErrors);
    }

    /** Counts of non-2xx responses by status, in status order. */
    public Map<Integer, Long> failures() {
        Map<Integer, Long> failures = new TreeMap<>();
        statusCounts.forEach((status, count) -> {
            if (status < 200 || status > 299) {
                failures.put(status, count);
            }
        });
        return failures;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }
}
