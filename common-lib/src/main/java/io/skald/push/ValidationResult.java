package io.skald.push;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validation kept and what it dropped. Like Loki, a push partially succeeds: {@link #streams()} holds the valid
 * entries to forward, {@link #errors()} each distinct rejection message with how often it occurred (returned with
 * status 400 once the valid part has been written, see {@link #errorMessage()}), and the discard maps feed {@code loki_discarded_samples_total{reason}} and
 * {@code loki_discarded_bytes_total{reason}}.
 */
public record ValidationResult(
        List<ValidatedStream> streams,
        Map<String, Integer> errors,
        int totalErrors,
        Map<DiscardReason, Long> discardedSamples,
        Map<DiscardReason, Long> discardedBytes,
        long truncatedLines,
        long truncatedBytes) {

    public ValidationResult {
        streams = List.copyOf(streams);
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        discardedSamples = Collections.unmodifiableMap(new EnumMap<>(discardedSamples));
        discardedBytes = Collections.unmodifiableMap(new EnumMap<>(discardedBytes));
    }

    /** Whether anything was rejected; the response is then 400 with {@link #errorMessage()}. */
    public boolean hasErrors() {
        return totalErrors > 0;
    }

    /**
     * The 400 response body, as Loki's {@code GroupedErrors} prints it: a single error alone; otherwise each distinct
     * message as {@code <n> errors like: <message>}, joined by {@code "; "}.
     */
    public String errorMessage() {
        if (errors.size() == 1 && errors.values().iterator().next() == 1) {
            return errors.keySet().iterator().next();
        }
        StringBuilder out = new StringBuilder();
        errors.forEach((message, count) -> {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(count).append(" errors like: ").append(message);
        });
        return out.toString();
    }

    /** Entries kept over all streams. */
    public long validatedLines() {
        long n = 0;
        for (ValidatedStream stream : streams) {
            n += stream.entries().size();
        }
        return n;
    }

    /** Bytes (line + structured metadata) kept over all streams: what the ingestion rate limit charges. */
    public long validatedBytes() {
        long n = 0;
        for (ValidatedStream stream : streams) {
            n += stream.bytes();
        }
        return n;
    }

    public long discardedSamples(DiscardReason reason) {
        return discardedSamples.getOrDefault(reason, 0L);
    }

    public long discardedBytes(DiscardReason reason) {
        return discardedBytes.getOrDefault(reason, 0L);
    }
}
