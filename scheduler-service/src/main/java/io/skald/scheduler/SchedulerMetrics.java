package io.skald.scheduler;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The query-scheduler's metrics, under Loki's names. */
public final class SchedulerMetrics {
    static final String QUEUE_LENGTH = "loki_query_scheduler_queue_length";
    static final String INFLIGHT_REQUESTS = "loki_query_scheduler_inflight_requests";
    /** A timer: Prometheus shows it as {@code loki_query_scheduler_queue_duration_seconds}. */
    static final String QUEUE_DURATION = "loki_query_scheduler_queue_duration";

    static final String CONNECTED_QUERIERS = "loki_query_scheduler_connected_querier_clients";
    static final String CONNECTED_FRONTENDS = "loki_query_scheduler_connected_frontend_clients";

    /** Prometheus' default buckets, which Loki's histogram uses. */
    private static final Duration[] QUEUE_DURATION_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Timer queueDuration;
    private final Set<String> trackedTenants = ConcurrentHashMap.newKeySet();

    public SchedulerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.queueDuration = Timer.builder(QUEUE_DURATION)
                .description("Time spend by requests in queue before getting picked up by a querier.")
                .serviceLevelObjectives(QUEUE_DURATION_BUCKETS)
                .register(registry);
    }

    /** Publishes the gauges read from {@code scheduler}. */
    public void bind(QueryScheduler scheduler) {
        Gauge.builder(INFLIGHT_REQUESTS, scheduler, QueryScheduler::inflight)
                .description("Number of inflight requests: handed to a querier and not yet answered.")
                .strongReference(true)
                .register(registry);
        Gauge.builder(CONNECTED_QUERIERS, scheduler, QueryScheduler::connectedQueriers)
                .description("Number of querier worker clients currently connected to the query-scheduler.")
                .strongReference(true)
                .register(registry);
        Gauge.builder(CONNECTED_FRONTENDS, scheduler, QueryScheduler::connectedFrontends)
                .description("Number of query-frontend clients with a request queued or running.")
                .strongReference(true)
                .register(registry);
    }

    /** Publishes {@code tenant}'s queue length from now on (once per tenant). */
    void trackTenant(String tenant, QueryScheduler scheduler) {
        if (trackedTenants.add(tenant)) {
            Gauge.builder(QUEUE_LENGTH, scheduler, s -> s.queueLength(tenant))
                    .description("Number of queries in the queue.")
                    .tag("user", tenant) // Loki's (Cortex's) label name for the tenant
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** One dequeued task waited {@code waited}. */
    void observeQueueDuration(Duration waited) {
        queueDuration.record(waited);
    }
}
