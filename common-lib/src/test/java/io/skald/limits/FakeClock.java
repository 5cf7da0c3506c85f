package io.skald.limits;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A hand-moved clock for limiter tests. */
final class FakeClock implements InstantSource {
    private Instant now = Instant.parse("2024-05-01T12:00:00Z");

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }
}
