package io.skald.distributor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.skald.distributor.replication.AppendMetrics;
import io.skald.push.DiscardReason;
import io.skald.push.PushEntry;
import io.skald.push.PushRequest;
import io.skald.push.PushStream;
import io.skald.push.ValidationResult;
import java.util.Map;

/** The distributor's counters, under Loki's names (Prometheus adds {@code _total}). */
public final class DistributorMetrics implements AppendMetrics {
    static final String LINES_RECEIVED = "loki_distributor_lines_received";
    static final String BYTES_RECEIVED = "loki_distributor_bytes_received";
    static final String STRUCTURED_METADATA_BYTES_RECEIVED = "loki_distributor_structured_metadata_bytes_received";
    static final String DISCARDED_SAMPLES = "loki_discarded_samples";
    static final String DISCARDED_BYTES = "loki_discarded_bytes";
    static final String MUTATED_SAMPLES = "loki_mutated_samples";
    static final String MUTATED_BYTES = "loki_mutated_bytes";
    static final String INGESTER_APPENDS = "loki_distributor_ingester_appends";
    static final String INGESTER_APPEND_FAILURES = "loki_distributor_ingester_append_failures";

    private final MeterRegistry registry;

    public DistributorMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A decoded push, before validation: lines, their bytes (line + structured metadata) and metadata bytes. */
    public void received(String tenant, PushRequest request) {
        long lines = 0;
        long bytes = 0;
        long metadataBytes = 0;
        for (PushStream stream : request.streams()) {
            for (PushEntry entry : stream.entries()) {
                lines++;
                int metadata = entry.structuredMetadataBytes();
                bytes += entry.lineBytes() + (long) metadata;
                metadataBytes += metadata;
            }
        }
        counter(LINES_RECEIVED, "The total number of log lines received per tenant.", "tenant", tenant)
                .increment((double) lines);
        counter(
                        BYTES_RECEIVED,
                        "The total number of uncompressed bytes received per tenant. Includes structured metadata"
                                + " bytes.",
                        "tenant",
                        tenant)
                .increment((double) bytes);
        counter(
                        STRUCTURED_METADATA_BYTES_RECEIVED,
                        "The total number of uncompressed bytes received per tenant for entries' structured metadata.",
                        "tenant",
                        tenant)
                .increment((double) metadataBytes);
    }

    /** What validation dropped and truncated. */
    public void validated(String tenant, ValidationResult result) {
        for (Map.Entry<DiscardReason, Long> entry : result.discardedSamples().entrySet()) {
            discarded(tenant, entry.getKey(), entry.getValue(), result.discardedBytes(entry.getKey()));
        }
        if (result.truncatedLines() > 0) {
            String reason = DiscardReason.LINE_TOO_LONG.label();
            counter(MUTATED_SAMPLES, "The total number of samples that have been mutated.", "reason", reason, tenant)
                    .increment((double) result.truncatedLines());
            counter(MUTATED_BYTES, "The total number of bytes that have been mutated.", "reason", reason, tenant)
                    .increment((double) result.truncatedBytes());
        }
    }

    /** Entries rejected for {@code reason}. */
    public void discarded(String tenant, DiscardReason reason, long samples, long bytes) {
        String label = reason.label();
        counter(DISCARDED_SAMPLES, "The total number of samples that were discarded.", "reason", label, tenant)
                .increment((double) samples);
        counter(DISCARDED_BYTES, "The total number of bytes that were discarded.", "reason", label, tenant)
                .increment((double) bytes);
    }

    @Override
    public void appended(String ingester) {
        counter(INGESTER_APPENDS, "The total number of batch appends sent to ingesters.", "ingester", ingester)
                .increment();
    }

    @Override
    public void appendFailed(String ingester) {
        counter(
                        INGESTER_APPEND_FAILURES,
                        "The total number of failed batch appends sent to ingesters.",
                        "ingester",
                        ingester)
                .increment();
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }

    private Counter counter(String name, String description, String tag, String value, String tenant) {
        return Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .tag("tenant", tenant)
                .register(registry);
    }
}
