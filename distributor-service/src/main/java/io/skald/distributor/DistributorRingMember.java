package io.skald.distributor;

import io.skald.ring.InstanceState;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import io.skald.ring.Ring;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.ReadinessCheck;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This distributor's entry in the {@code distributor} ring, as Loki's: one token, ACTIVE at once, heartbeating; the
 * ring's healthy members are the count the global ingestion rate is divided by. Ready only while registered ACTIVE.
 */
public final class DistributorRingMember implements ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(DistributorRingMember.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);

    private final RingRegistry registry;
    private final DistributorSettings settings;
    private final String instanceId;
    private final Ring ring;
    private volatile @Nullable Lifecycler lifecycler;

    public DistributorRingMember(RingRegistry registry, DistributorSettings settings, String instanceId) {
        this.registry = registry;
        this.settings = settings;
        this.instanceId = instanceId;
        this.ring = registry.ring(settings.distributorRing());
    }

    /**
     * Registers this distributor and waits (briefly) until its entry is ACTIVE.
     *
     * @param address the gRPC address {@code host:port} shown in the ring
     * @param httpAddress the HTTP address {@code host:port}
     */
    public synchronized void start(String address, String httpAddress) {
        if (lifecycler != null) {
            return;
        }
        LifecyclerConfig config = new LifecyclerConfig(
                instanceId,
                address,
                httpAddress,
                "",
                1,
                settings.ringHeartbeatPeriod(),
                settings.ringHeartbeatTimeout(),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO);
        Lifecycler started = registry.lifecycler(DistributorSettings.RING_NAME, config);
        started.start();
        lifecycler = started;
        long deadline = System.nanoTime() + JOIN_WAIT.toNanos();
        while (started.state() != InstanceState.ACTIVE && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("distributor {} registered in the distributor ring as {} ({})", instanceId, address, started.state());
    }

    /** Leaves the ring: the remaining distributors take over this one's share of the rate limits. */
    public synchronized void stop() {
        Lifecycler running = lifecycler;
        if (running != null) {
            running.stop(() -> {});
        }
    }

    /** Healthy distributors in the ring, this one included once registered; at least 1. */
    public int healthyDistributors() {
        return Math.max(1, ring.healthyInstanceCount());
    }

    /** This instance's id in the ring. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String name() {
        return "distributor";
    }

    @Override
    public @Nullable String notReadyReason() {
        Lifecycler running = lifecycler;
        if (running == null) {
            return "not registered in the distributor ring yet";
        }
        InstanceState state = running.state();
        return state == InstanceState.ACTIVE ? null : "instance " + instanceId + " in state " + state;
    }
}
