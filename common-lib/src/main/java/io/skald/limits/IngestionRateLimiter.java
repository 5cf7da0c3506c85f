package io.skald.limits;

import io.skald.config.LimitsConfig;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.IntSupplier;

/**
 * The per-tenant ingestion rate limit a distributor enforces, as Loki's: {@code ingestion_rate_mb} (MiB/s) and
 * {@code ingestion_burst_size_mb} from the tenant's limits. With the {@code global} strategy the rate is shared
 * evenly by the healthy distributors (the caller supplies their count); with {@code local} each distributor enforces
 * the whole rate. The burst is never divided. Limits are re-read from {@link Overrides} on every call, so runtime
 * changes apply at once.
 */
public final class IngestionRateLimiter {
    /** Loki's {@code bytesInMB}: ingestion rates are in MiB. */
    public static final double BYTES_PER_MB = 1 << 20;

    private final Overrides overrides;
    private final IntSupplier healthyDistributors;
    private final InstantSource clock;
    private final ConcurrentMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    public IngestionRateLimiter(Overrides overrides, IntSupplier healthyDistributors, InstantSource clock) {
        this.overrides = overrides;
        this.healthyDistributors = healthyDistributors;
        this.clock = clock;
    }

    /** Takes {@code bytes} from the tenant's bucket if it can; false means reject with 429 (reason rate_limited). */
    public boolean allow(String tenant, long bytes) {
        LimitsConfig limits = overrides.forTenant(tenant);
        double rate = rate(limits);
        long burst = burst(limits);
        RateLimiter limiter = limiters.computeIfAbsent(tenant, t -> new RateLimiter(rate, burst, clock));
        limiter.setLimit(rate, burst);
        return limiter.allowN(bytes);
    }

    /** This distributor's share of the tenant's rate, in bytes per second (what Loki prints in its 429). */
    public long limit(String tenant) {
        return (long) rate(overrides.forTenant(tenant));
    }

    /** The tenant's burst in bytes. */
    public long burst(String tenant) {
        return burst(overrides.forTenant(tenant));
    }

    /** The 429 message for a rejected push of {@code lines} entries totalling {@code bytes}. */
    public String rejection(String tenant, long lines, long bytes) {
        return LimitErrors.ingestionRateLimited(tenant, limit(tenant), lines, bytes);
    }

    private double rate(LimitsConfig limits) {
        double rate = limits.ingestionRateMb() * BYTES_PER_MB;
        if (limits.ingestionRateStrategy().toLowerCase(Locale.ROOT).equals("global")) {
            rate /= Math.max(1, healthyDistributors.getAsInt());
        }
        return Math.max(0, rate);
    }

    private static long burst(LimitsConfig limits) {
        return (long) Math.max(0, limits.ingestionBurstSizeMb() * BYTES_PER_MB);
    }
}
