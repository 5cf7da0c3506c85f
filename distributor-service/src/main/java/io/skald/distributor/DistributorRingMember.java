package io.skald.distributor;

import io.skald.ring.Ring;
import io.skald.ring.autoconfigure.RingMembership;
import io.skald.ring.autoconfigure.RingRegistry;
import io.skald.server.ReadinessCheck;
import org.jspecify.annotations.Nullable;

/**
 * This distributor's entry in the {@code distributor} ring, as Loki's: one token, ACTIVE at once, heartbeating; the
 * ring's healthy members are the count the global ingestion rate is divided by. Ready only while registered ACTIVE.
 */
public final class DistributorRingMember implements ReadinessCheck {
    private final RingMembership membership;
    private final Ring ring;

    public DistributorRingMember(RingRegistry registry, DistributorSettings settings, String instanceId) {
        this.membership = new RingMembership(
                registry,
                DistributorSettings.RING_NAME,
                instanceId,
                settings.ringHeartbeatPeriod(),
                settings.ringHeartbeatTimeout());
        this.ring = registry.ring(settings.distributorRing());
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

    /** Healthy distributors in the ring, this one included once registered; at least 1. */
    public int healthyDistributors() {
        return Math.max(1, ring.healthyInstanceCount());
    }

    /** This instance's id in the ring. */
    public String instanceId() {
        return membership.instanceId();
    }

    @Override
    public String name() {
        return "distributor";
    }

    @Override
    public @Nullable String notReadyReason() {
        return membership.notReadyReason();
    }
}
