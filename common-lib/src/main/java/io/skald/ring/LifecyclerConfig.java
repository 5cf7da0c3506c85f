package io.skald.ring;

import io.skald.config.IngesterConfig;
import java.time.Duration;

/**
 * How one instance joins and leaves a ring (Loki's {@code lifecycler} block).
 *
 * @param id instance id, unique in the ring
 * @param address gRPC address {@code host:port} others send requests to
 * @param httpAddress HTTP address {@code host:port}
 * @param zone availability zone, empty when unset
 * @param numTokens tokens to own
 * @param heartbeatPeriod how often the entry's heartbeat is refreshed
 * @param heartbeatTimeout used by the readiness check: entries with older heartbeats block readiness
 * @param joinAfter wait this long in PENDING before taking tokens
 * @param observePeriod stay JOINING this long, checking for token conflicts, before going ACTIVE
 * @param minReadyDuration never report ready sooner than this after start
 * @param finalSleep after the flush hook ran on stop, wait this long before removing the entry
 */
public record LifecyclerConfig(
        String id,
        String address,
        String httpAddress,
        String zone,
        int numTokens,
        Duration heartbeatPeriod,
        Duration heartbeatTimeout,
        Duration joinAfter,
        Duration observePeriod,
        Duration minReadyDuration,
        Duration finalSleep) {

    public LifecyclerConfig {
        if (numTokens < 1) {
            throw new IllegalArgumentException("num_tokens must be at least 1, got " + numTokens);
        }
        if (heartbeatPeriod.isNegative() || heartbeatPeriod.isZero()) {
            throw new IllegalArgumentException("heartbeat_period must be positive");
        }
    }

    /** From {@code ingester.lifecycler}, with the identity the process decides. */
    public static LifecyclerConfig from(
            IngesterConfig.Lifecycler lifecycler, String id, String address, String httpAddress) {
        return new LifecyclerConfig(
                id,
                address,
                httpAddress,
                lifecycler.availabilityZone(),
                lifecycler.numTokens(),
                lifecycler.heartbeatPeriod(),
                lifecycler.heartbeatTimeout(),
                lifecycler.joinAfter(),
                lifecycler.observePeriod(),
                lifecycler.minReadyDuration(),
                lifecycler.finalSleep());
    }
}
