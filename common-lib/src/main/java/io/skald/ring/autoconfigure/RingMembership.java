package io.skald.ring.autoconfigure;

import io.skald.ring.InstanceState;
import io.skald.ring.Lifecycler;
import io.skald.ring.LifecyclerConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateless component's entry in its ring (distributors, schedulers): one token, ACTIVE at once, heartbeating, and
 * removed on stop. Its readiness text is the component's {@code /ready} answer while it is not ACTIVE.
 */
public final class RingMembership {
    private static final Logger log = LoggerFactory.getLogger(RingMembership.class);
    private static final Duration JOIN_WAIT = Duration.ofSeconds(5);

    private final RingRegistry registry;
    private final String ringName;
    private final String instanceId;
    private final Duration heartbeatPeriod;
    private final Duration heartbeatTimeout;
    private volatile @Nullable Lifecycler lifecycler;

    public RingMembership(
            RingRegistry registry,
            String ringName,
            String instanceId,
            Duration heartbeatPeriod,
            Duration heartbeatTimeout) {
        this.registry = registry;
        this.ringName = ringName;
        this.instanceId = instanceId;
        this.heartbeatPeriod = heartbeatPeriod;
        this.heartbeatTimeout = heartbeatTimeout;
    }

    /** Registers the instance and waits (briefly) until its entry is ACTIVE. */
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
                heartbeatPeriod,
                heartbeatTimeout,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO,
                Duration.ZERO);
        Lifecycler started = registry.lifecycler(ringName, config);
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
        log.info("{} registered in the {} ring as {} ({})", instanceId, ringName, address, started.state());
    }

    /** Leaves the ring. */
    public synchronized void stop() {
        Lifecycler running = lifecycler;
        if (running != null) {
            running.stop(() -> {});
        }
    }

    public String instanceId() {
        return instanceId;
    }

    /** Null while registered ACTIVE; otherwise why not. */
    public @Nullable String notReadyReason() {
        Lifecycler running = lifecycler;
        if (running == null) {
            return "not registered in the " + ringName + " ring yet";
        }
        InstanceState state = running.state();
        return state == InstanceState.ACTIVE ? null : "instance " + instanceId + " in state " + state;
    }
}
