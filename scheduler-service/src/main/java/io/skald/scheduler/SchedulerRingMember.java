package io.skald.scheduler;

import io.skald.ring.InstanceState;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.ReadinessCheck;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This scheduler's entry in the {@code scheduler} ring (one token, ACTIVE at once, heartbeating), where frontends and
 * querier workers find it. Ready only while registered ACTIVE.
 */
public final class SchedulerRingMember implements ReadinessCheck {
    private static final Logger log = LoggerFactory.getLogger(SchedulerRingMember.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);

    private final RingRegistry registry;
    private final SchedulerSettings settings;
    private final String instanceId;
    private volatile @Nullable Lifecycler lifecycler;

    public SchedulerRingMember(RingRegistry registry, SchedulerSettings settings, String instanceId) {
        this.registry = registry;
        this.settings = settings;
        this.instanceId = instanceId;
    }

    /**
     * Registers this scheduler and waits (briefly) until its entry is ACTIVE.
     *
     * @param address the gRPC address {@code host:port} frontends and queriers connect to
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
        Lifecycler started = registry.lifecycler(SchedulerSettings.RING_NAME, config);
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
        log.info(
                "query-scheduler {} registered in the scheduler ring as {} ({})", instanceId, address, started.state());
    }

    /** Leaves the ring, so frontends and queriers stop using this scheduler. */
    public synchronized void stop() {
        Lifecycler running = lifecycler;
        if (running != null) {
            running.stop(() -> {});
        }
    }

    /** This instance's id in the ring. */
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String name() {
        return "query-scheduler";
    }

    @Override
    public @Nullable String notReadyReason() {
        Lifecycler running = lifecycler;
        if (running == null) {
            return "not registered in the scheduler ring yet";
        }
        InstanceState state = running.state();
        return state == InstanceState.ACTIVE ? null : "instance " + instanceId + " in state " + state;
    }
}
