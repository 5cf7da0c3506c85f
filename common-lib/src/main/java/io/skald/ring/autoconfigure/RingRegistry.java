package io.skald.ring.autoconfigure;

import com.hazelcast.core.HazelcastInstance;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.ring.HazelcastRingStore;
import io.skald.ring.InstanceState;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import io.skald.ring.Ring;
import io.skald.ring.RingConfig;
import io.skald.ring.RingStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The rings this process reads and the lifecyclers it registers, all backed by the process' Hazelcast member. A ring
 * reader is created once per name and shared; {@code cortex_ring_members{name,state}} is published for each.
 */
public final class RingRegistry implements AutoCloseable {
    /** How often ring readers re-read the whole map, as a safety net behind the listeners. */
    static final Duration REFRESH_PERIOD = Duration.ofSeconds(10);

    private final HazelcastInstance hazelcast;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    public RingRegistry(
            HazelcastInstance hazelcast, ScheduledExecutorService scheduler, MeterRegistry meters, Clock clock) {
        this.hazelcast = hazelcast;
        this.scheduler = scheduler;
        this.meters = meters;
        this.clock = clock;
    }

    /** The shared reader of a ring; the first call fixes its replication factor and heartbeat timeout. */
    public Ring ring(RingConfig config) {
        return rings.computeIfAbsent(config.name(), name -> {
            Ring ring = new Ring(config, store(name), clock);
            ring.start(scheduler, REFRESH_PERIOD);
            for (InstanceState state : InstanceState.values()) {
                registerMembersGauge(ring, state.name());
            }
            registerMembersGauge(ring, Ring.UNHEALTHY);
            return ring;
        });
    }

    /** A reader with Loki's defaults (replication factor 1, 1 minute heartbeat timeout), for rings read only. */
    public Ring ring(String name) {
        Ring existing = rings.get(name);
        return existing != null ? existing : ring(new RingConfig(name, 1, Duration.ofMinutes(1), false));
    }

    /** Rings created so far. */
    public Collection<Ring> rings() {
        return List.copyOf(rings.values());
    }

    /** A lifecycler registering this process in a ring; the caller starts and stops it. */
    public Lifecycler lifecycler(String ringName, LifecyclerConfig config) {
        return new Lifecycler(config, store(ringName), clock, scheduler, RandomGenerator.getDefault());
    }

    private RingStore store(String name) {
        return new HazelcastRingStore(hazelcast, name);
    }

    private void registerMembersGauge(Ring ring, String state) {
        Gauge.builder("cortex_ring_members", ring, r -> r.membersByState().getOrDefault(state, 0))
                .description("Number of members in the ring, by state.")
                .tag("name", ring.name())
                .tag("state", state)
                .register(meters);
    }

    @Override
    public void close() {
        rings.values().forEach(Ring::close);
    }
}
