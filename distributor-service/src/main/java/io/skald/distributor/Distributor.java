package io.skald.distributor;

import io.skald.config.LimitsConfig;
import io.skald.distributor.replication.Replicator;
import io.skald.limits.IngestionRateLimiter;
import io.skald.limits.Overrides;
import io.skald.limits.StreamRateLimiter;
import io.skald.push.DiscardReason;
import io.skald.push.PushRequest;
import io.skald.push.PushValidator;
import io.skald.push.ValidatedStream;
import io.skald.push.ValidationResult;
import io.skald.server.LokiHttpException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of one push, in Loki's order: count what arrived, validate it against the tenant's limits (dropping
 * invalid streams and entries), charge the tenant's ingestion rate, charge each stream's rate, replicate what is left
 * to the ingesters, and only then report what was rejected. Nothing valid is held back because something else in the
 * same push was not.
 */
public final class Distributor {
    private static final Logger log = LoggerFactory.getLogger(Distributor.class);

    private final PushValidator validator;
    private final Overrides overrides;
    private final IngestionRateLimiter ingestionRate;
    private final StreamRateLimiter streamRate;
    private final Replicator replicator;
    private final DistributorMetrics metrics;
    private final InstantSource clock;

    public Distributor(
            PushValidator validator,
            Overrides overrides,
            IngestionRateLimiter ingestionRate,
            StreamRateLimiter streamRate,
            Replicator replicator,
            DistributorMetrics metrics,
            InstantSource clock) {
        this.validator = validator;
        this.overrides = overrides;
        this.ingestionRate = ingestionRate;
        this.streamRate = streamRate;
        this.replicator = replicator;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Validates, limits and replicates one decoded push. Returns when everything was written.
     *
     * @throws LokiHttpException after writing whatever was valid: 429 when the tenant's ingestion rate (nothing
     *     written) or a stream's rate (the other streams written) was exceeded, 400 with every validation error,
     *     or the replication error (500, or the deciding ingester's 400/429) when a quorum failed
     */
    public void push(String tenant, PushRequest request) {
        metrics.received(tenant, request);
        LimitsConfig limits = overrides.forTenant(tenant);
        ValidationResult result = validator.validate(tenant, request, limits, nowNanos());
        metrics.validated(tenant, result);
        if (result.hasErrors()) {
            log.debug(
                    "tenant {}: {} entries or streams rejected: {}",
                    tenant,
                    result.totalErrors(),
                    result.errorMessage());
        }
        List<ValidatedStream> streams = result.streams();
        if (streams.isEmpty()) {
            throwIfInvalid(result);
            return;
        }

        long lines = result.validatedLines();
        long bytes = result.validatedBytes();
        if (!ingestionRate.allow(tenant, bytes)) {
            metrics.discarded(tenant, DiscardReason.RATE_LIMITED, lines, bytes);
            String message = ingestionRate.rejection(tenant, lines, bytes);
            log.warn("tenant {}: {}", tenant, message);
            throw new LokiHttpException(429, message);
        }

        List<ValidatedStream> accepted = new ArrayList<>(streams.size());
        String streamRejection = null;
        for (ValidatedStream stream : streams) {
            if (streamRate.allow(tenant, stream.labels(), stream.bytes())) {
                accepted.add(stream);
                continue;
            }
            metrics.discarded(
                    tenant,
                    DiscardReason.PER_STREAM_RATE_LIMIT,
                    stream.entries().size(),
                    stream.bytes());
            String message = streamRate.rejection(tenant, stream.labels(), stream.bytes());
            log.warn("tenant {}: {}", tenant, message);
            if (streamRejection == null) {
                streamRejection = message;
            }
        }

        replicator.replicate(tenant, accepted);
        if (streamRejection != null) {
            throw new LokiHttpException(429, streamRejection);
        }
        throwIfInvalid(result);
    }

    private static void throwIfInvalid(ValidationResult result) {
        if (result.hasErrors()) {
            throw new LokiHttpException(400, result.errorMessage());
        }
    }

    /** The tenant's current limits (the runtime overrides applied). */
    public LimitsConfig limits(String tenant) {
        return overrides.forTenant(tenant);
    }

    /** The clock's time in Unix nanoseconds. */
    public long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
