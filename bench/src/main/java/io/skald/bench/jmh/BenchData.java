package io.skald.bench.jmh;

import io.skald.bench.corpus.CorpusPlan;
import io.skald.bench.corpus.LineGenerator;
import io.skald.bench.corpus.LogFormat;
import io.skald.bench.corpus.PushBatch;
import io.skald.bench.corpus.StreamSpec;
import io.skald.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Deterministic inputs for the JMH suites, from the load generator's log mix. */
final class BenchData {
    /** Lines per benchmark operation unless a suite says otherwise; ops/s × this = lines/s. */
    static final int LINES = 10_000;

    private BenchData() {}

    /** {@code count} lines of one format as UTF-8, one second apart from the current time backwards. */
    static byte[][] lines(LogFormat format, int count, long seed) {
        LineGenerator generator = new LineGenerator(format, seed);
        long start = System.currentTimeMillis() * 1_000_000L - count * 1_000_000L;
        byte[][] lines = new byte[count][];
        for (int i = 0; i < count; i++) {
            lines[i] = generator.next(start + i * 1_000_000L).getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }

    /** The mixed-format lines of {@code streams} streams as one push batch ending now. */
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

    static List<LogFormat> formats() {
        return List.of(LogFormat.values());
    }
}
