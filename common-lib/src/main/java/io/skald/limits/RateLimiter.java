package io.skald.limits;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A token bucket with Go's {@code golang.org/x/time/rate} semantics: tokens refill at {@code rate} per second up to
 * {@code burst}; a request for more than {@code burst} tokens is never allowed. A rate of
 * {@link Double#POSITIVE_INFINITY} allows everything. Thread-safe.
 */
public final class RateLimiter {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final InstantSource clock;
    private double rate;
    private long burst;
    private double tokens;
    private long lastNanos;

    /** A full bucket: {@code burst} tokens available now. */
    public RateLimiter(double rate, long burst, InstantSource clock) {
        if (rate < 0 || Double.isNaN(rate) || burst < 0) {
            throw new IllegalArgumentException("rate and burst must not be negative");
        }
        this.clock = clock;
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nanos(clock.instant());
    }

    /** Takes {@code n} tokens if available now; false leaves the bucket unchanged. */
    public synchronized boolean allowN(long n) {
        if (rate == Double.POSITIVE_INFINITY) {
            return true;
        }
        advance();
        if (n > burst || n > tokens) {
            return false;
        }
        tokens -= n;
        return true;
    }

    /** Changes rate and burst, keeping the tokens accumulated so far (capped at the new burst). */
    public synchronized void setLimit(double newRate, long newBurst) {
        if (newRate < 0 || Double.isNaN(newRate) || newBurst < 0) {
            throw new IllegalArgumentException("rate and burst must not be negative");
        }
        if (newRate == rate && newBurst == burst) {
            return;
        }
        advance();
        rate = newRate;
        burst = newBurst;
        tokens = Math.min(tokens, newBurst);
    }

    public synchronized double rate() {
        return rate;
    }

    public synchronized long burst() {
        return burst;
    }

    /** Tokens available now. */
    public synchronized double tokens() {
        advance();
        return tokens;
    }

    private void advance() {
        long now = nanos(clock.instant());
        long elapsed = now - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + rate * (elapsed / NANOS_PER_SECOND));
            lastNanos = now;
        }
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
