package io.skald.scheduler;

import io.skald.ring.autoconfigure.RingMembership;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.ReadinessCheck;
import org.jspecify.annotations.Nullable;

/**
 * This scheduler's entry in the {@code scheduler} ring (one token, ACTIVE at once, heartbeating), where frontends and
 * querier workers find it. Ready only while registered ACTIVE.
 */
public final class SchedulerRingMember implements ReadinessCheck {
    private final RingMembership membership;

    public SchedulerRingMember(RingRegistry registry, SchedulerSettings settings, String instanceId) {
        this.membership = new RingMembership(
                registry,
                SchedulerSettings.RING_NAME,
                instanceId,
                settings.ringHeartbeatPeriod(),
                settings.ringHeartbeatTimeout());
    }

    /**
     * Registers this instance and waits (briefly) until its entry is ACTIVE.
     *
     * @param address the gRPC address {@code host:port} shown in the ring
     * @param httpAddress the HTTP address {@code host:port}
     */
    public void start(String address, String httpAddress) {
        membership.start(address, httpAddress);
    }

    /** Leaves the ring. */
    public void stop() {
        membership.stop();
    }

    /** This instance's id in the ring. */
    public String instanceId() {
        return membership.instanceId();
    }

    @Override
    public String name() {
        return "query-scheduler";
    }

    @Override
    public @Nullable String notReadyReason() {
        return membership.notReadyReason();
    }
}
