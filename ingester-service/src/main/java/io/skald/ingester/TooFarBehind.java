package io.skald.ingester;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Loki's per-entry and per-stream rejection texts for entries older than the out-of-order window. */
final class TooFarBehind {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private TooFarBehind() {}

    /** {@code entry with timestamp ... ignored, reason: 'entry too far behind, ...',} as Loki writes each line. */
    static String entryLine(long timestampNanos, long cutoffNanos) {
        return "entry with timestamp " + goTime(timestampNanos) + " ignored, reason: 'entry too far behind,"
                + " entry timestamp is: " + rfc3339(timestampNanos) + ", oldest acceptable timestamp is: "
                + rfc3339(cutoffNanos) + "',";
    }

    /** The closing line of a stream's rejections. */
    static String summaryLine(String tenant, int ignored, int total, String stream) {
        return "user '" + tenant + "', total ignored: " + ignored + " out of " + total + " for stream: " + stream;
    }

    /** Go's {@code time.Time.String()} in UTC: fractional seconds without trailing zeros, none when zero. */
    static String goTime(long nanos) {
        Instant instant = instant(nanos);
        StringBuilder out = new StringBuilder(SECONDS.format(instant));
        long fraction = Math.floorMod(nanos, 1_000_000_000L);
        if (fraction != 0) {
            String digits = String.format(java.util.Locale.ROOT, "%09d", fraction);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out.append(" +0000 UTC").toString();
    }

    static String rfc3339(long nanos) {
        return RFC3339.format(instant(nanos));
    }

    private static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
