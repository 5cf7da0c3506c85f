package io.skald.distributor;

import io.skald.config.IngesterConfig;
import io.skald.config.LokiConfig;
import io.skald.ring.RingConfig;
import java.time.Duration;

/**
 * What the distributor takes from a Loki config. Loki's {@code distributor:} block is not bound by Skald yet, so the
 * distributor ring uses Loki's defaults for it.
 *
 * @param maxRecvMsgSize the largest push body accepted, before and after decompression (413 above it), and the largest
 *     gRPC message accepted from an ingester: {@code server.grpc_server_max_recv_msg_size}
 * @param ingesterRing how the ingester ring is read: {@code ingester.lifecycler.ring}, with
 *     {@code common.replication_factor} applied when the ingester's own is left at its default, as Loki does
 * @param remoteTimeout the deadline of one push to one ingester (Loki's {@code ingester_client.remote_timeout})
 * @param ringHeartbeatPeriod how often this distributor refreshes its entry in the distributor ring
 * @param ringHeartbeatTimeout a distributor whose heartbeat is older no longer counts for the global rate limit
 */
public record DistributorSettings(
        long maxRecvMsgSize,
        RingConfig ingesterRing,
        Duration remoteTimeout,
        Duration ringHeartbeatPeriod,
        Duration ringHeartbeatTimeout) {

    /** The name of the ring distributors register in. */
    public static final String RING_NAME = "distributor";

    /** Loki's default replication factor, which {@code common.replication_factor} overrides. */
    static final int DEFAULT_REPLICATION_FACTOR = 3;

    public DistributorSettings {
        if (maxRecvMsgSize <= 0) {
            throw new IllegalArgumentException("grpc_server_max_recv_msg_size must be positive");
        }
    }

    /** The settings a Loki config implies. */
    public static DistributorSettings from(LokiConfig config) {
        IngesterConfig.Lifecycler lifecycler = config.ingester().lifecycler();
        RingConfig ring = RingConfig.ingester(lifecycler);
        int replicationFactor = lifecycler.replicationFactor() == DEFAULT_REPLICATION_FACTOR
                ? config.common().replicationFactor()
                : lifecycler.replicationFactor();
        return new DistributorSettings(
                config.server().grpcServerMaxRecvMsgSize(),
                new RingConfig(ring.name(), replicationFactor, ring.heartbeatTimeout(), ring.zoneAwarenessEnabled()),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofMinutes(1));
    }

    /** The distributor ring as this distributor reads it (for the healthy-distributor count). */
    public RingConfig distributorRing() {
        return new RingConfig(RING_NAME, 1, ringHeartbeatTimeout, false);
    }
}
