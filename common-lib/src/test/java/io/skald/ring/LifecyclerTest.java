package io.skald.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecyclerTest {
    private final InMemoryRingStore store = new InMemoryRingStore("ingester");
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private static LifecyclerConfig config(
            String id, Duration joinAfter, Duration observePeriod, Duration minReady, Duration finalSleep) {
        return new LifecyclerConfig(
                id,
                id + ":9095",
                id + ":3100",
                "",
                16,
                Duration.ofMillis(20),
                Duration.ofMinutes(1),
                joinAfter,
                observePeriod,
                minReady,
                finalSleep);
    }

    private Lifecycler lifecycler(LifecyclerConfig config, Clock clock) {
        return new Lifecycler(
                config,
                store,
                clock,
                scheduler,
                new SplittableRandom(config.id().hashCode()));
    }

    @Test
    void goesPendingThenJoiningThenActiveAndHeartbeats() {
        Lifecycler lifecycler = lifecycler(
                config("ing-1", Duration.ofMillis(150), Duration.ofMillis(150), Duration.ZERO, Duration.ZERO),
                Clock.systemUTC());

        lifecycler.start();
        assertThat(store.get("ing-1")).get().extracting(InstanceDesc::state).isEqualTo(InstanceState.PENDING);
        assertThat(lifecycler.notReadyReason()).contains("this instance owns no tokens");

        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.JOINING);
        assertThat(store.get("ing-1").orElseThrow().tokens()).hasSize(16);
        assertThat(lifecycler.notReadyReason()).contains("instance ing-1:9095 in state JOINING");

        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.ACTIVE);
        InstanceDesc active = store.get("ing-1").orElseThrow();
        assertThat(active.state()).isEqualTo(InstanceState.ACTIVE);
        await().atMost(Duration.ofSeconds(2))
                .until(() -> store.get("ing-1").orElseThrow().heartbeatMillis() > active.heartbeatMillis());
        assertThat(lifecycler.isReady()).isTrue();

        lifecycler.stop(() -> {});
    }

    @Test
    void withoutObservePeriodJoinsStraightToActive() {
        Lifecycler lifecycler = lifecycler(
                config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), Clock.systemUTC());

        lifecycler.start();

        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.ACTIVE);
        lifecycler.stop(() -> {});
    }

    @Test
    void readinessWaitsForMinReadyDurationAndOtherInstances() {
        MutableClock clock = new MutableClock(System.currentTimeMillis());
        Lifecycler lifecycler =
                lifecycler(config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ofSeconds(15), Duration.ZERO), clock);
        lifecycler.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.ACTIVE);

        assertThat(lifecycler.notReadyReason()).contains("waiting for 15s after startup");

        clock.advance(Duration.ofSeconds(16));
        store.put(new InstanceDesc("other", "other:9095", "other:3100", "", InstanceState.ACTIVE, List.of(7), 1, 1));
        assertThat(lifecycler.notReadyReason()).contains("instance other:9095 past heartbeat timeout");

        store.remove("other");
        assertThat(lifecycler.notReadyReason()).isEmpty();
        // Once ready, a later problem elsewhere in the ring does not flip readiness (Loki latches it too).
        store.put(new InstanceDesc(
                "other", "other:9095", "other:3100", "", InstanceState.JOINING, List.of(7), clock.millis(), 1));
        assertThat(lifecycler.isReady()).isTrue();
        lifecycler.stop(() -> {});
    }

    @Test
    void stopGoesLeavingRunsTheFlushThenRemovesTheEntry() {
        Lifecycler lifecycler = lifecycler(
                config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(100)),
                Clock.systemUTC());
        lifecycler.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.ACTIVE);
        AtomicReference<InstanceState> stateDuringFlush = new AtomicReference<>();

        long before = System.nanoTime();
        lifecycler.stop(
                () -> stateDuringFlush.set(store.get("ing-1").orElseThrow().state()));

        assertThat(stateDuringFlush.get()).isEqualTo(InstanceState.LEAVING);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(store.get("ing-1")).isEmpty();
        // No heartbeat brings the entry back after it was removed.
        await().during(Duration.ofMillis(100))
                .atMost(Duration.ofSeconds(1))
                .until(() -> store.get("ing-1").isEmpty());
    }

    @Test
    void restartReusesTokensFromTheRing() {
        InstanceDesc previous = new InstanceDesc(
                "ing-1",
                "old:9095",
                "old:3100",
                "",
                InstanceState.LEAVING,
                Tokens.generate(16, Set.of(), new SplittableRandom(3)),
                1,
                42);
        store.put(previous);
        Lifecycler lifecycler = lifecycler(
                config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), Clock.systemUTC());

        lifecycler.start();

        InstanceDesc now = store.get("ing-1").orElseThrow();
        assertThat(now.state()).isEqualTo(InstanceState.ACTIVE);
        assertThat(now.tokens()).isEqualTo(previous.tokens());
        assertThat(now.registeredAtMillis()).isEqualTo(42);
        assertThat(now.address()).isEqualTo("ing-1:9095");
        lifecycler.stop(() -> {});
    }

    @Test
    void tokensClaimedByAnEarlierRegistrationAreLost() {
        InstanceDesc self = new InstanceDesc("b", "b", "b", "", InstanceState.JOINING, List.of(1, 2, 3), 0, 100);
        InstanceDesc earlier = new InstanceDesc("z", "z", "z", "", InstanceState.ACTIVE, List.of(2), 0, 50);
        InstanceDesc later = new InstanceDesc("a", "a", "a", "", InstanceState.ACTIVE, List.of(3), 0, 200);
        InstanceDesc sameTimeSmallerId =
                new InstanceDesc("a2", "a", "a", "", InstanceState.JOINING, List.of(1), 0, 100);
        InstanceDesc leaving = new InstanceDesc("c", "c", "c", "", InstanceState.LEAVING, List.of(3), 0, 10);

        assertThat(Lifecycler.lostTokens(self, Map.of("z", earlier, "a", later)))
                .containsExactly(2);
        assertThat(Lifecycler.lostTokens(self, Map.of("a2", sameTimeSmallerId, "c", leaving)))
                .containsExactly(1);
        assertThat(Lifecycler.lostTokens(later, Map.of("b", self))).containsExactly(3);
    }

    @Test
    void joiningInstancesPickTokensOthersDoNotHold() {
        Lifecycler first = lifecycler(
                config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), Clock.systemUTC());
        first.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> first.state() == InstanceState.ACTIVE);
        Lifecycler second = lifecycler(
                config("ing-2", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO), Clock.systemUTC());
        second.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> second.state() == InstanceState.ACTIVE);

        assertThat(second.desc().tokens())
                .doesNotContainAnyElementsOf(first.desc().tokens());
        first.stop(() -> {});
        second.stop(() -> {});
        assertThat(store.getAll()).isEmpty();
    }

    @Test
    void aFailedJoinStepIsRetried() {
        AtomicInteger failures = new AtomicInteger(2);
        RingStore flaky = new RingStore() {
            @Override
            public String name() {
                return store.name();
            }

            @Override
            public Map<String, InstanceDesc> getAll() {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("store unavailable");
                }
                return store.getAll();
            }

            @Override
            public Optional<InstanceDesc> get(String id) {
                return store.get(id);
            }

            @Override
            public void put(InstanceDesc desc) {
                store.put(desc);
            }

            @Override
            public void remove(String id) {
                store.remove(id);
            }

            @Override
            public AutoCloseable addListener(Listener listener) {
                return store.addListener(listener);
            }
        };
        Lifecycler lifecycler = new Lifecycler(
                config("ing-1", Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                flaky,
                Clock.systemUTC(),
                scheduler,
                new SplittableRandom(1));

        lifecycler.start();

        await().atMost(Duration.ofSeconds(2)).until(() -> lifecycler.state() == InstanceState.ACTIVE);
        assertThat(failures.get()).isNegative();
        lifecycler.stop(() -> {});
    }
}
