package io.skald.storage;

import java.time.Duration;

/**
 * How often and how patiently a remote store retries a transient failure: exponential backoff from {@code
 * minBackoff}, doubling up to {@code maxBackoff}, at most {@code maxAttempts} tries in all.
 */
public record RetryPolicy(int maxAttempts, Duration minBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("backoff bounds out of order");
        }
    }

    /** Loki's S3 defaults: 5 retries between 100 ms and 3 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(3));
    }

    /** The wait before try {@code attempt + 1}, after try {@code attempt} (1-based) failed. */
    public Duration backoff(int attempt) {
        long millis = minBackoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
