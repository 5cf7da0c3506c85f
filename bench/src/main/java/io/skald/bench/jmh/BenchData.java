package io.skald.bench.jmh;

import io.skald.bench.corpus.CorpusPlan;
import io.skald.bench.corpus.LineGenerator;
import io.skald.bench.corpus.LogFormat;
import io.skald.bench.corpus.PushBatch;
import io.skald.bench.corpus.StreamSpec;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Deterministic inputs for the JMH suites, from the load generator's log mix. */
final class BenchData {
    /** Lines per benchmark operation unless a suite says otherwise; ops/s × this = lines/s. */
    static final int LINES = 10_000;

    private BenchData() {}

    /** A fixed time for line contents, so every run sees the same bytes: 2026-01-01T00:00:00Z. */
    static final long EPOCH_NANOS = 1_767_225_600_000_000_000L;

    /** {@code count} lines of one format as UTF-8, one millisecond apart from {@link #EPOCH_NANOS}; same every run. */
    static byte[][] lines(LogFormat format, int count, long seed) {
        LineGenerator generator = new LineGenerator(format, seed);
        long start = EPOCH_NANOS;
        byte[][] lines = new byte[count][];
        for (int i = 0; i < count; i++) {
            lines[i] = generator.next(start + i * 1_000_000L).getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    /**
     * The mixed-format lines of {@code streams} streams as one push batch ending now (validation rejects old lines,
     * so the timestamps, and the times echoed in the lines, follow the clock).
     */
    static PushBatch batch(int streams, int lines) {
        long span = lines * 1_000L;
        return new CorpusPlan(
                        StreamSpec.of(streams, Labels.of("cluster", "bench")),
                        lines,
                        System.currentTimeMillis() * 1_000_000L - span,
                        span,
                        1)
                .batchesFor(0, 1, lines)
                .get(0);
    }

    static long totalBytes(byte[][] lines) {
        long bytes = 0;
        for (byte[] line : lines) {
            bytes += line.length;
        }
        return bytes;
    }

    /** Printed from each setup so MB/s can be derived: bytes per op = lines per op × average line bytes. */
    static void describe(String what, long lines, long bytes) {
        System.out.printf(
                Locale.ROOT,
                "%n# input %s: %d lines, %d bytes per op, %.1f bytes/line%n",
                what,
                lines,
                bytes,
                (double) bytes / Math.max(1, lines));
    }
}
