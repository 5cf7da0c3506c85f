package io.skald.ingester;

import io.skald.config.LimitsConfig;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The per-tenant active stream limit one ingester enforces, as Loki computes it: the smaller non-zero of {@code
 * max_streams_per_user} (local) and {@code max_global_streams_per_user / healthy ingesters * replication factor};
 * zero means no limit.
 */
public final class StreamLimits {
    private final Function<String, @Nullable LimitsConfig> limits;
    private final IntSupplier healthyIngesters;
    private final int replicationFactor;

    public StreamLimits(
            Function<String, @Nullable LimitsConfig> limits, IntSupplier healthyIngesters, int replicationFactor) {
        this.limits = limits;
        this.healthyIngesters = healthyIngesters;
        this.replicationFactor = replicationFactor;
    }

    /** No limit at all, for tests and tools. */
    public static StreamLimits none() {
        return new StreamLimits(tenant -> null, () -> 0, 1);
    }

    /** The tenant's limit on this ingester; 0 when unlimited. */
    public int maxStreams(String tenant) {
        LimitsConfig config = limits.apply(tenant);
        if (config == null) {
            return 0;
        }
        int local = Math.max(0, config.maxStreamsPerUser());
        int global = 0;
        int ingesters = healthyIngesters.getAsInt();
        if (config.maxGlobalStreamsPerUser() > 0 && ingesters > 0) {
            global = (int)
                    Math.max(1, (long) config.maxGlobalStreamsPerUser() * Math.max(1, replicationFactor) / ingesters);
        }
        if (local == 0) {
            return global;
        }
        return global == 0 ? local : Math.min(local, global);
    }
}
