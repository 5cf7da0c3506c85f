package io.skald.querier.worker;

import io.skald.config.LokiConfig;
import java.time.Duration;

/**
 * What the querier's scheduler worker takes from a Loki config.
 *
 * @param schedulerAddress {@code frontend_worker.scheduler_address}: the schedulers to pull from (commas separate
 *     several); blank when the querier only serves HTTP
 * @param dnsLookupPeriod how often scheduler host names are looked up again ({@code
 *     frontend.scheduler_dns_lookup_period}): a name resolving to several addresses is that many schedulers
 * @param maxConcurrent {@code querier.max_concurrent}: tasks served at once
 * @param maxMessageSize {@code server.grpc_server_max_recv_msg_size}: the largest task a scheduler may send
 * @param queryTimeout {@code limits_config.query_timeout}: the longest a task without a deadline may run
 */
public record WorkerSettings(
        String schedulerAddress,
        Duration dnsLookupPeriod,
        int maxConcurrent,
        int maxMessageSize,
        Duration queryTimeout) {
    /** What a querier answers for a task it abandoned (nginx's "client closed request", as Loki uses). */
    static final int STATUS_CLIENT_CLOSED_REQUEST = 499;

    public static WorkerSettings from(LokiConfig config) {
        return new WorkerSettings(
                config.query().workerSchedulerAddress(),
                config.query().schedulerDnsLookupPeriod(),
                Math.max(1, config.query().querierMaxConcurrent()),
                (int) Math.min(Integer.MAX_VALUE, config.server().grpcServerMaxRecvMsgSize()),
                config.limits().queryTimeout());
    }

    /** Whether a scheduler is configured, so the querier pulls work. */
    public boolean enabled() {
        return !schedulerAddress.isBlank();
    }
}
