package io.skald.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skald.metrics.LokiMetrics;
import java.time.Duration;

/** Records {@code loki_request_duration_seconds} for one finished HTTP request. */
public final class RequestMetrics {
    private final MeterRegistry registry;

    public RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String route, String method, int status, boolean websocket, long nanos) {
        Timer.builder(LokiMetrics.REQUEST_DURATION)
                .description("Time (in seconds) spent serving HTTP requests.")
                .tag("route", route)
                .tag("method", method)
                .tag("status_code", Integer.toString(status))
                .tag("ws", Boolean.toString(websocket))
                .serviceLevelObjectives(LokiMetrics.REQUEST_BUCKETS.toArray(Duration[]::new))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
