package io.skald.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.skald.config.LimitsConfig;
import io.skald.labels.Labels;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Per-stream rate limits ({@code per_stream_rate_limit}, {@code per_stream_rate_limit_burst}, in bytes), one token
 * bucket per tenant and stream. Buckets of streams not seen for {@code idleExpiry} are dropped (a new bucket starts
 * full, so forgetting an idle stream loses nothing).
 */
public final class StreamRateLimiter {
    private final Overrides overrides;
    private final InstantSource clock;
    private final Cache<StreamKey, RateLimiter> limiters;

    public StreamRateLimiter(Overrides overrides, InstantSource clock, Duration idleExpiry, long maxStreams) {
        this.overrides = overrides;
        this.clock = clock;
        this.limiters = Caffeine.newBuilder()
                .expireAfterAccess(idleExpiry)
                .maximumSize(maxStreams)
                .build();
    }

    /** Takes {@code bytes} from the stream's bucket if it can; false means reason per_stream_rate_limit. */
    public boolean allow(String tenant, Labels stream, long bytes) {
        LimitsConfig limits = overrides.forTenant(tenant);
        double rate = Math.max(0, limits.perStreamRateLimit());
        long burst = Math.max(0, limits.perStreamRateLimitBurst());
        RateLimiter limiter = limiters.get(new StreamKey(tenant, stream), key -> new RateLimiter(rate, burst, clock));
        limiter.setLimit(rate, burst);
        return limiter.allowN(bytes);
    }

    /** The 429 message for {@code bytes} refused on {@code stream}. */
    public String rejection(String tenant, Labels stream, long bytes) {
        return LimitErrors.streamRateLimited(
                overrides.forTenant(tenant).perStreamRateLimit(), stream.toString(), bytes);
    }

    private record StreamKey(String tenant, Labels stream) {}
}
