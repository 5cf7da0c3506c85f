package io.skald.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.skald.config.LimitsConfig;
import io.skald.labels.Labels;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IngestionRateLimiterTest {
    private static final long MIB = 1 << 20;
    private final FakeClock clock = new FakeClock();

    @Test
    void globalStrategyDividesTheRateByHealthyDistributorsButNotTheBurst() {
        AtomicInteger distributors = new AtomicInteger(4);
        Overrides overrides = Overrides.of(LimitsConfig.defaults()); // 4 MiB/s, burst 6 MiB
        IngestionRateLimiter limiter = new IngestionRateLimiter(overrides, distributors::get, clock);

        assertThat(limiter.limit("t")).isEqualTo(MIB);
        assertThat(limiter.burst("t")).isEqualTo(6 * MIB);
        assertThat(limiter.allow("t", 6 * MIB)).isTrue();
        assertThat(limiter.allow("t", 1)).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.allow("t", MIB)).isTrue(); // one MiB per second with four distributors
        assertThat(limiter.allow("t", 1)).isFalse();

        distributors.set(1); // applies from the next call on; tokens so far accrued at the old rate
        assertThat(limiter.allow("t", 1)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.limit("t")).isEqualTo(4 * MIB);
        assertThat(limiter.allow("t", 4 * MIB)).isTrue();
        assertThat(limiter.allow("t", 1)).isFalse();

        distributors.set(0); // no healthy distributor known: this one takes the whole rate
        assertThat(limiter.limit("t")).isEqualTo(4 * MIB);
    }

    @Test
    void localStrategyIgnoresOtherDistributors() {
        LimitsConfig local = LimitsConfig.fromYaml(
                Map.of("ingestion_rate_strategy", "local", "ingestion_rate_mb", 2), LimitsConfig.defaults());
        IngestionRateLimiter limiter = new IngestionRateLimiter(Overrides.of(local), () -> 10, clock);

        assertThat(limiter.limit("t")).isEqualTo(2 * MIB);
    }

    @Test
    void tenantsHaveSeparateBucketsAndOverrides() {
        LimitsConfig big = LimitsConfig.fromYaml(
                Map.of("ingestion_rate_mb", 100, "ingestion_burst_size_mb", 100), LimitsConfig.defaults());
        Overrides overrides = Overrides.of(LimitsConfig.defaults(), Map.of("big", big));
        IngestionRateLimiter limiter = new IngestionRateLimiter(overrides, () -> 1, clock);

        assertThat(limiter.allow("small", 6 * MIB)).isTrue();
        assertThat(limiter.allow("small", 1)).isFalse();
        assertThat(limiter.allow("big", 50 * MIB)).isTrue();
        assertThat(limiter.allow("other", 6 * MIB)).isTrue();
    }

    @Test
    void rejectionUsesLokisMessageWithThisDistributorsLimit() {
        IngestionRateLimiter limiter = new IngestionRateLimiter(Overrides.of(LimitsConfig.defaults()), () -> 2, clock);

        assertThat(limiter.rejection("acme", 12, 7_000_000))
                .isEqualTo("Ingestion rate limit exceeded for user acme (limit: 2097152 bytes/sec) while attempting"
                        + " to ingest '12' lines totaling '7000000' bytes, reduce log volume or contact your Loki"
                        + " administrator to see if the limit can be increased");
    }

    @Test
    void perStreamLimitIsPerStream() {
        LimitsConfig limits = LimitsConfig.fromYaml(
                Map.of("per_stream_rate_limit", "1KB", "per_stream_rate_limit_burst", "2KB"), LimitsConfig.defaults());
        StreamRateLimiter limiter = new StreamRateLimiter(Overrides.of(limits), clock, Duration.ofMinutes(10), 10_000);
        Labels a = Labels.of("app", "a");
        Labels b = Labels.of("app", "b");

        assertThat(limiter.allow("t", a, 2000)).isTrue();
        assertThat(limiter.allow("t", a, 1)).isFalse();
        assertThat(limiter.allow("t", b, 2000)).isTrue();
        assertThat(limiter.allow("u", a, 2000)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.allow("t", a, 1000)).isTrue();
        assertThat(limiter.allow("t", a, 1)).isFalse();
    }

    @Test
    void limitMessagesMatchLoki() {
        Labels stream = Labels.of("app", "a");
        StreamRateLimiter limiter =
                new StreamRateLimiter(Overrides.of(LimitsConfig.defaults()), clock, Duration.ofMinutes(1), 100);

        assertThat(limiter.rejection("t", stream, 4_500_000))
                .isEqualTo("Per stream rate limit exceeded (limit: 3.0 MB/sec) while attempting to ingest for stream"
                        + " '{app=\"a\"}' totaling 4.5 MB, consider splitting a stream via additional labels or"
                        + " contact your Loki administrator to see if the limit can be increased");
        assertThat(LimitErrors.streamLimit("{app=\"a\"}", "acme"))
                .isEqualTo("Maximum active stream limit exceeded when trying to create stream {app=\"a\"}, reduce the"
                        + " number of active streams (reduce labels or reduce label values), or contact your Loki"
                        + " administrator to see if the limit can be increased, user: 'acme'");
        assertThat(LimitErrors.humanBytes(5)).isEqualTo("5 B");
        assertThat(LimitErrors.humanBytes(512)).isEqualTo("512 B");
        assertThat(LimitErrors.humanBytes(15_000_000)).isEqualTo("15 MB");
        assertThat(LimitErrors.humanBytes(1_234)).isEqualTo("1.2 kB");
    }
}
