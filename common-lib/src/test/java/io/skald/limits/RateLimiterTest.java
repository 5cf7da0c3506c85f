package io.skald.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void startsFullAndRefillsAtTheRate() {
        RateLimiter limiter = new RateLimiter(100, 300, clock);

        assertThat(limiter.allowN(250)).isTrue();
        assertThat(limiter.allowN(100)).isFalse(); // 50 left
        assertThat(limiter.allowN(50)).isTrue();
        assertThat(limiter.allowN(1)).isFalse();

        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tokens()).isCloseTo(50, within(1e-9));
        assertThat(limiter.allowN(51)).isFalse();
        assertThat(limiter.allowN(50)).isTrue();

        clock.advance(Duration.ofSeconds(60));
        assertThat(limiter.tokens()).isEqualTo(300); // capped at burst
    }

    @Test
    void requestsLargerThanBurstAreNeverAllowed() {
        RateLimiter limiter = new RateLimiter(1000, 10, clock);
        clock.advance(Duration.ofHours(1));

        assertThat(limiter.allowN(11)).isFalse();
        assertThat(limiter.allowN(10)).isTrue();
    }

    @Test
    void refusalDoesNotConsumeTokens() {
        RateLimiter limiter = new RateLimiter(10, 100, clock);
        assertThat(limiter.allowN(100)).isTrue();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.allowN(20)).isFalse();
        assertThat(limiter.allowN(10)).isTrue();
    }

    @Test
    void setLimitKeepsTokensCappedAtNewBurst() {
        RateLimiter limiter = new RateLimiter(10, 100, clock);
        assertThat(limiter.allowN(40)).isTrue(); // 60 left

        limiter.setLimit(1000, 50);
        assertThat(limiter.tokens()).isEqualTo(50);
        clock.advance(Duration.ofMillis(10));
        assertThat(limiter.tokens()).isCloseTo(50, within(1e-9));
        assertThat(limiter.allowN(50)).isTrue();
        clock.advance(Duration.ofMillis(20));
        assertThat(limiter.tokens()).isCloseTo(20, within(1e-9));
        assertThat(limiter.rate()).isEqualTo(1000);
        assertThat(limiter.burst()).isEqualTo(50);
    }

    @Test
    void infiniteRateAllowsEverything() {
        RateLimiter limiter = new RateLimiter(Double.POSITIVE_INFINITY, 0, clock);

        assertThat(limiter.allowN(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void zeroRateNeverRefills() {
        RateLimiter limiter = new RateLimiter(0, 5, clock);
        assertThat(limiter.allowN(5)).isTrue();

        clock.advance(Duration.ofDays(1));
        assertThat(limiter.allowN(1)).isFalse();
    }
}
