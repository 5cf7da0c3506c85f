package io.skald.bench.corpus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Timestamp text for generated lines, and parsing of the command line's time arguments. */
public final class Timestamps {
    private static final DateTimeFormatter CLF =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** Appends RFC 3339 with milliseconds, e.g. {@code 2026-01-02T03:04:05.678Z}. */
    static void appendIso(StringBuilder out, long nanos) {
        ISO_MILLIS.formatTo(instant(nanos), out);
    }

    /** Appends the common log format time, e.g. {@code 02/Jan/2026:03:04:05 +0000}. */
    static void appendClf(StringBuilder out, long nanos) {
        CLF.formatTo(instant(nanos), out);
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /**
     * Parses a time argument to Unix nanoseconds: RFC 3339 ({@code 2026-01-02T03:04:05Z}), or a number of seconds
     * (up to 10 digits before an optional fraction) or nanoseconds (more digits), as Loki's API accepts.
     */
    public static long parseNanos(String text) {
        if (text.indexOf('T') > 0) {
            Instant instant = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        if (text.indexOf('.') >= 0) {
            return Math.round(Double.parseDouble(text) * 1e9);
        }
        long value = Long.parseLong(text);
        return text.length() <= 10 ? Math.multiplyExact(value, 1_000_000_000L) : value;
    }
}
