package io.skald.logql.result;

import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random query results for round-trip and merge properties: empty results and streams, empty lines, unicode
 * (multi-byte and surrogate pairs), quotes and escapes in label values, structured metadata, special float values.
 */
public final class RandomResults {
    private static final String[] LABEL_NAMES = {"app", "env", "namespace", "pod", "job", "level", "__name__", "a_1"};
    private static final String VALUE_CHARS = "abcXYZ019 _-=,.{}\"\\\n\té日本🙂";
    private static final String[] LINE_PIECES = {
        "",
        "level=info msg=\"request completed\"",
        " ",
        "ünïcödé ✓",
        "🙂🙃",
        "\n\tat com.example.Foo(Foo.java:1)",
        "{\"status\":500}",
        "\\",
        "\"quoted\"",
        "x",
        "GET /api/v1/users 200 12ms"
    };
    private static final double[] SPECIAL_VALUES = {
        0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE
    };

    private final SplittableRandom random;

    public RandomResults(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public SplittableRandom random() {
        return random;
    }

    /** A label set of 0 to {@code max} labels with awkward, non-empty values (an empty value means no label). */
    public Labels labels(int max) {
        Labels.Builder builder = Labels.builder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            builder.set(LABEL_NAMES[random.nextInt(LABEL_NAMES.length)], text(VALUE_CHARS, 1 + random.nextInt(12)));
        }
        return builder.build();
    }

    /** A line of 0 to a few hundred characters, sometimes empty, sometimes long. */
    public String line() {
        int pieces = random.nextInt(8) == 0 ? 0 : random.nextInt(random.nextInt(10) == 0 ? 200 : 12);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            out.append(LINE_PIECES[random.nextInt(LINE_PIECES.length)]);
        }
        return out.toString();
    }

    public LogEntry entry(long timestampNanos) {
        Labels metadata = random.nextInt(3) == 0 ? labels(3) : Labels.EMPTY;
        Labels parsed = random.nextInt(4) == 0 ? labels(3) : Labels.EMPTY;
        return new LogEntry(timestampNanos, line(), metadata, parsed);
    }

    /**
     * Up to {@code maxStreams} streams of up to {@code maxEntries} entries (some streams empty) with timestamps in
     * {@code [from, from + span)}, each stream's entries in time order for {@code ordered}, shuffled otherwise.
     */
    public QueryResult.Streams streams(int maxStreams, int maxEntries, long from, long span, boolean ordered) {
        int n = random.nextInt(maxStreams + 1);
        List<LogStream> streams = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            int entries = random.nextInt(maxEntries + 1);
            long[] timestamps = new long[entries];
            for (int i = 0; i < entries; i++) {
                timestamps[i] = from + random.nextLong(span);
            }
            if (ordered) {
                java.util.Arrays.sort(timestamps);
            }
            List<LogEntry> list = new ArrayList<>(entries);
            for (long t : timestamps) {
                list.add(entry(t));
            }
            streams.add(new LogStream(labels(4), list));
        }
        return new QueryResult.Streams(streams);
    }

    /** A value, now and then one of the IEEE special values. */
    public double value() {
        return random.nextInt(10) == 0
                ? SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)]
                : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-5, 12));
    }

    /**
     * Up to {@code maxSeries} series of up to {@code maxPoints} points on a {@code step} grid from {@code from};
     * strictly increasing timestamps for {@code ordered}, otherwise any order with repeats.
     */
    public QueryResult.Matrix matrix(int maxSeries, int maxPoints, long from, long step, boolean ordered) {
        int n = random.nextInt(maxSeries + 1);
        List<Series> series = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            int points = random.nextInt(maxPoints + 1);
            long[] timestamps = new long[points];
            double[] values = new double[points];
            long t = from;
            for (int i = 0; i < points; i++) {
                t += step * (1 + random.nextInt(2));
                timestamps[i] = ordered ? t : from + step * random.nextInt(maxPoints + 1);
                values[i] = value();
            }
            series.add(new Series(labels(4), timestamps, values));
        }
        return new QueryResult.Matrix(series);
    }

    public QueryResult.Vector vector(int maxSamples, long timestampMillis) {
        int n = random.nextInt(maxSamples + 1);
        List<Sample> samples = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            samples.add(new Sample(labels(4), timestampMillis, value()));
        }
        return new QueryResult.Vector(samples);
    }

    private String text(String chars, int length) {
        StringBuilder out = new StringBuilder(length);
        int[] codePoints = chars.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }
}
