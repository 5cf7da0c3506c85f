package io.skald.ingester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The ingester's metrics under Loki's names. */
public final class IngesterMetrics {
    private final MeterRegistry registry;
    private final Map<FlushReason, Counter> flushed = new ConcurrentHashMap<>();
    private final Counter flushFailures;
    private final Counter walLoggedBytes;
    private final Counter streamsCreated;
    private final Timer walReplayDuration;

    public IngesterMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (FlushReason reason : FlushReason.values()) {
            flushed.put(
                    reason,
                    Counter.builder("loki_ingester_chunks_flushed")
                            .description("Total flushed chunks per reason.")
                            .tag("reason", reason.label())
                            .register(registry));
        }
        flushFailures = Counter.builder("loki_ingester_chunks_flush_failures")
                .description("Total number of flush failures.")
                .register(registry);
        walLoggedBytes = Counter.builder("loki_ingester_wal_logged_bytes")
                .description("Total bytes written to the WAL.")
                .register(registry);
        streamsCreated = Counter.builder("loki_ingester_streams_created")
                .description("The total number of streams created per tenant.")
                .register(registry);
        walReplayDuration = Timer.builder("loki_ingester_wal_replay_duration")
                .description("Time taken to replay the checkpoint and the WAL.")
                .register(registry);
    }

    /** Gauges read from the live ingester: streams and chunks in memory, flush queue length. */
    void bind(Supplier<Number> streams, Supplier<Number> chunks, Supplier<Number> flushQueue) {
        Gauge.builder("loki_ingester_memory_streams", streams)
                .description("The total number of streams in memory.")
                .register(registry);
        Gauge.builder("loki_ingester_memory_chunks", chunks)
                .description("The total number of chunks in memory.")
                .register(registry);
        Gauge.builder("loki_ingester_flush_queue_length", flushQueue)
                .description("The total number of series pending in the flush queue.")
                .register(registry);
    }

    void chunkFlushed(FlushReason reason) {
        flushed.get(reason).increment();
    }

    void flushFailed() {
        flushFailures.increment();
    }

    void walLogged(long bytes) {
        walLoggedBytes.increment((double) bytes);
    }

    void streamCreated() {
        streamsCreated.increment();
    }

    void walReplayed(Duration duration) {
        walReplayDuration.record(duration);
    }
}
