package io.skald.logql.log.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A Go {@code time.Time} value: an instant with nanoseconds and a location. */
record GoTime(ZonedDateTime time) {

    /** Go's zero time (January 1, year 1, 00:00:00 UTC). */
    static final GoTime ZERO = new GoTime(ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    /** {@code time.Unix(0, nanos)} in the local zone (UTC here, as in Loki's containers). */
    static GoTime ofUnixNanos(long nanos) {
        Instant instant =
                Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        return new GoTime(instant.atZone(ZoneOffset.UTC));
    }

    static GoTime ofUnixSeconds(long seconds) {
        return new GoTime(Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC));
    }

    long unixSeconds() {
        return time.toEpochSecond();
    }

    long unixNanos() {
        return time.toEpochSecond() * 1_000_000_000L + time.getNano();
    }

    long unixMillis() {
        return time.toEpochSecond() * 1000L + time.getNano() / 1_000_000;
    }

    boolean isZero() {
        return time.toInstant().equals(ZERO.time.toInstant());
    }

    GoTime in(ZoneId zone) {
        return new GoTime(time.withZoneSameInstant(zone));
    }

    /** {@code Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    @Override
    public String toString() {
        return GoTimeLayout.format(this, "2006-01-02 15:04:05.999999999 -0700 MST");
    }
}
