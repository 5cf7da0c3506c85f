package io.skald.ring;

import io.skald.config.IngesterConfig;
import java.time.Duration;

/**
 * How a ring reader picks replicas.
 *
 * @param name the ring's name ({@code ingester}, {@code distributor}, ...); the Hazelcast map is {@code ring-<name>}
 * @param replicationFactor replicas per key
 * @param heartbeatTimeout an instance whose heartbeat is older is unhealthy; zero disables the check
 * @param zoneAwarenessEnabled replicas of one key go to distinct zones
 */
public record RingConfig(String name, int replicationFactor, Duration heartbeatTimeout, boolean zoneAwarenessEnabled) {

    public RingConfig {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication_factor must be at least 1, got " + replicationFactor);
        }
    }

    /** The ingester ring as {@code ingester.lifecycler.ring} configures it. */
    public static RingConfig ingester(IngesterConfig.Lifecycler lifecycler) {
        return new RingConfig(
                "ingester",
                lifecycler.replicationFactor(),
                lifecycler.heartbeatTimeout(),
                lifecycler.zoneAwarenessEnabled());
    }
}
