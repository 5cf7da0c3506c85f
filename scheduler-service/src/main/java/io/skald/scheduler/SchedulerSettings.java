package io.skald.scheduler;

import io.skald.config.LokiConfig;
import java.time.Duration;

/**
 * What the query-scheduler takes from a Loki config.
 *
 * @param maxOutstandingPerTenant {@code query_scheduler.max_outstanding_requests_per_tenant}: queued tasks per tenant
 *     beyond which submissions get {@code too many outstanding requests}
 * @param ringHeartbeatPeriod how often this scheduler refreshes its entry in the {@code scheduler} ring
 * @param ringHeartbeatTimeout a scheduler whose heartbeat is older is left out by frontends and queriers
 */
public record SchedulerSettings(
        int maxOutstandingPerTenant, Duration ringHeartbeatPeriod, Duration ringHeartbeatTimeout) {

    /** The name of the ring schedulers register in, which frontends and queriers read. */
    public static final String RING_NAME = "scheduler";

    public SchedulerSettings {
        if (maxOutstandingPerTenant < 1) {
            throw new IllegalArgumentException("max_outstanding_requests_per_tenant must be at least 1");
        }
    }

    /** The settings a Loki config implies; the ring timings are Loki's defaults for the scheduler ring. */
    public static SchedulerSettings from(LokiConfig config) {
        return new SchedulerSettings(
                config.query().schedulerMaxOutstandingPerTenant(), Duration.ofSeconds(15), Duration.ofMinutes(1));
    }
}
