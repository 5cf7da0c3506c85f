package io.skald.push;

import io.skald.config.LimitsConfig;
import io.skald.labels.Labels;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Validates a decoded push against a tenant's {@link LimitsConfig}, rule by rule as Loki's distributor does: stream
 * labels (parse, missing, count, name/value length, duplicates), then each entry (too old, too new, line size or
 * truncation, structured metadata). Invalid streams and entries are dropped and reported; valid ones are kept. Like
 * Loki, a stream without {@code service_name} first gets one discovered from {@code discover_service_name}; label
 * messages then show the rewritten text, entry messages the canonical labels, and discarded bytes count line bytes.
 * Kept entries get their structured metadata names normalised and, with {@code discover_log_levels}, a
 * {@code detected_level} (see {@link LevelDetector}). Thread-safe: one instance serves all requests.
 */
public final class PushValidator {
    /** Loki's label added by service-name discovery. */
    public static final String SERVICE_NAME = "service_name";

    private static final String UNKNOWN_SERVICE = "unknown_service";
    private static final String AGGREGATED_METRIC = "__aggregated_metric__";
    private static final int MAX_DISTINCT_ERRORS = 100;

    private final StreamLabelCache labelCache;

    public PushValidator(StreamLabelCache labelCache) {
        this.labelCache = labelCache;
    }

    /**
     * Validates {@code request} for {@code tenant} at {@code nowNanos} (Unix nanoseconds).
     *
     * @return the kept streams with their ring tokens, the error messages and per-reason discard counts
     */
    public ValidationResult validate(String tenant, PushRequest request, LimitsConfig limits, long nowNanos) {
        Tally tally = new Tally();
        List<ValidatedStream> kept = new ArrayList<>(request.streams().size());
        long oldest = limits.rejectOldSamples()
                ? saturatedSubtract(nowNanos, limits.rejectOldSamplesMaxAge().toNanos())
                : Long.MIN_VALUE;
        long newest = saturatedAdd(nowNanos, limits.creationGracePeriod().toNanos());
        boolean discoverLevels = limits.discoverLogLevels() && limits.allowStructuredMetadata();
        for (PushStream stream : request.streams()) {
            if (stream.entries().isEmpty()) {
                continue; // Loki skips entry-less streams before looking at their labels
            }
            @Nullable Labels labels = validateLabels(stream, limits, tally);
            if (labels == null) {
                continue;
            }
            List<PushEntry> entries = new ArrayList<>(stream.entries().size());
            long bytes = 0;
            for (PushEntry entry : stream.entries()) {
                // The line's UTF-8 length is counted once per entry: it is most of the validation's own work.
                int lineBytes = entry.lineBytes();
                // Entry messages name the parsed labels (Loki formats labels.Labels), not the text as sent.
                PushEntry accepted = validateEntry(entry, lineBytes, labels.toString(), limits, oldest, newest, tally);
                if (accepted != null) {
                    if (accepted.line().length() != entry.line().length()) {
                        lineBytes = accepted.lineBytes(); // truncated
                    }
                    accepted = sanitizeMetadata(accepted);
                    if (discoverLevels) {
                        accepted = withDetectedLevel(accepted, labels);
                    }
                    entries.add(accepted);
                    bytes += lineBytes + (long) accepted.structuredMetadataBytes();
                }
            }
            if (!entries.isEmpty()) {
                kept.add(new ValidatedStream(labels, PushTokens.tokenFor(tenant, labels), entries, bytes));
            }
        }
        return new ValidationResult(
                kept,
                tally.errors,
                tally.totalErrors,
                tally.samples,
                tally.bytes,
                tally.truncatedLines,
                tally.truncatedBytes);
    }

    /** Parses, adds a discovered service_name (as Loki does before validating) and checks the label limits. */
    private @Nullable Labels validateLabels(PushStream stream, LimitsConfig limits, Tally tally) {
        String text = stream.labels();
        return switch (labelCache.parse(text)) {
            case StreamLabels.Invalid invalid -> {
                tally.discardStream(
                        DiscardReason.INVALID_LABELS, stream, true, PushErrors.invalidLabels(text, invalid.error()));
                yield null;
            }
            case StreamLabels.Valid valid -> {
                Labels labels = withServiceName(valid.labels(), limits.discoverServiceName());
                int pairCount = valid.pairCount();
                if (labels != valid.labels()) {
                    // Loki rewrites the stream text when it adds service_name, so messages show the new text.
                    text = labels.toString();
                    pairCount++;
                }
                yield checkLabelLimits(labels, pairCount, valid.duplicateName(), text, stream, limits, tally)
                        ? labels
                        : null;
            }
        };
    }

    private static boolean checkLabelLimits(
            Labels labels,
            int pairCount,
            @Nullable String duplicateName,
            String text,
            PushStream stream,
            LimitsConfig limits,
            Tally tally) {
        if (labels.isEmpty()) {
            tally.discardStream(DiscardReason.MISSING_LABELS, stream, false, PushErrors.missingLabels());
            return false;
        }
        if (labels.has(AGGREGATED_METRIC)) {
            return true; // Loki's own aggregated-metric streams skip label limits
        }
        // Like Loki, service_name (often added by discovery) does not count towards the limit.
        int labelNames = labels.has(SERVICE_NAME) ? pairCount - 1 : pairCount;
        if (labelNames > limits.maxLabelNamesPerSeries()) {
            tally.discardStream(
                    DiscardReason.MAX_LABEL_NAMES_PER_SERIES,
                    stream,
                    false,
                    PushErrors.maxLabelNames(text, labelNames, limits.maxLabelNamesPerSeries()));
            return false;
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (Utf8.length(name) > limits.maxLabelNameLength()) {
                tally.discardStream(
                        DiscardReason.LABEL_NAME_TOO_LONG, stream, false, PushErrors.labelNameTooLong(text, name));
                return false;
            }
            if (Utf8.length(value) > limits.maxLabelValueLength()) {
                tally.discardStream(
                        DiscardReason.LABEL_VALUE_TOO_LONG, stream, false, PushErrors.labelValueTooLong(text, value));
                return false;
            }
            if (duplicateName != null && name.equals(duplicateName)) {
                tally.discardStream(
                        DiscardReason.DUPLICATE_LABEL_NAMES, stream, false, PushErrors.duplicateLabelName(text, name));
                return false;
            }
        }
        return true;
    }

    private static @Nullable PushEntry validateEntry(
            PushEntry entry, int lineBytes, String stream, LimitsConfig limits, long oldest, long newest, Tally tally) {
        long ts = entry.timestampNanos();
        if (ts < oldest) {
            tally.discardEntry(DiscardReason.GREATER_THAN_MAX_SAMPLE_AGE, entry, PushErrors.tooOld(stream, ts, oldest));
            return null;
        }
        if (ts > newest) {
            tally.discardEntry(DiscardReason.TOO_FAR_IN_FUTURE, entry, PushErrors.tooNew(stream, ts));
            return null;
        }
        long maxLineSize = limits.maxLineSize();
        PushEntry result = entry;
        if (maxLineSize > 0) {
            if (lineBytes > maxLineSize) {
                if (limits.maxLineSizeTruncate()) {
                    String truncated = Utf8.truncate(entry.line(), (int) Math.min(Integer.MAX_VALUE, maxLineSize));
                    tally.truncatedLines++;
                    tally.truncatedBytes += lineBytes - Utf8.length(truncated);
                    result = new PushEntry(ts, truncated, entry.structuredMetadata());
                } else {
                    tally.discardEntry(
                            DiscardReason.LINE_TOO_LONG, entry, PushErrors.lineTooLong(maxLineSize, stream, lineBytes));
                    return null;
                }
            }
        }
        List<MetadataPair> metadata = entry.structuredMetadata();
        if (!metadata.isEmpty()) {
            if (!limits.allowStructuredMetadata()) {
                tally.discardEntry(
                        DiscardReason.DISALLOWED_STRUCTURED_METADATA,
                        entry,
                        PushErrors.disallowedStructuredMetadata(stream));
                return null;
            }
            long size = entry.structuredMetadataBytes();
            long maxSize = limits.maxStructuredMetadataSize();
            if (maxSize > 0 && size > maxSize) {
                tally.discardEntry(
                        DiscardReason.STRUCTURED_METADATA_TOO_LARGE,
                        entry,
                        PushErrors.structuredMetadataTooLarge(stream, size, maxSize));
                return null;
            }
            int maxCount = limits.maxStructuredMetadataEntriesCount();
            if (maxCount > 0 && metadata.size() > maxCount) {
                tally.discardEntry(
                        DiscardReason.STRUCTURED_METADATA_TOO_MANY,
                        entry,
                        PushErrors.structuredMetadataTooMany(stream, metadata.size(), maxCount));
                return null;
            }
        }
        return result;
    }

    /**
     * Loki normalises structured metadata names as Prometheus' OTLP translator does ({@code trace.id} to
     * {@code trace_id}) and drops replacement characters (invalid UTF-8) from values. Allocates only when needed.
     */
    static PushEntry sanitizeMetadata(PushEntry entry) {
        List<MetadataPair> metadata = entry.structuredMetadata();
        List<MetadataPair> sanitized = null;
        for (int i = 0; i < metadata.size(); i++) {
            MetadataPair pair = metadata.get(i);
            String name = OtlpMapper.normalizeLabel(pair.name());
            String value = pair.value().indexOf('\uFFFD') >= 0 ? pair.value().replace("\uFFFD", "") : pair.value();
            if (sanitized == null && (!name.equals(pair.name()) || !value.equals(pair.value()))) {
                sanitized = new ArrayList<>(metadata.subList(0, i));
            }
            if (sanitized != null) {
                sanitized.add(new MetadataPair(name, value));
            }
        }
        return sanitized == null ? entry : new PushEntry(entry.timestampNanos(), entry.line(), sanitized);
    }

    /** Adds {@code detected_level} metadata unless the entry already has it. */
    static PushEntry withDetectedLevel(PushEntry entry, Labels labels) {
        for (MetadataPair pair : entry.structuredMetadata()) {
            if (pair.name().equals(LevelDetector.DETECTED_LEVEL)) {
                return entry;
            }
        }
        String level = LevelDetector.detect(labels, entry.structuredMetadata(), entry.line());
        if (entry.structuredMetadata().isEmpty()) {
            // The usual case: one shared list per level, so no list and pair per entry, and the encoder for the
            // ingesters can recognise it by identity.
            return new PushEntry(entry.timestampNanos(), entry.line(), onlyDetectedLevel(level));
        }
        List<MetadataPair> metadata = new ArrayList<>(entry.structuredMetadata().size() + 1);
        metadata.addAll(entry.structuredMetadata());
        metadata.add(new MetadataPair(LevelDetector.DETECTED_LEVEL, level));
        return new PushEntry(entry.timestampNanos(), entry.line(), metadata);
    }

    private static final List<MetadataPair> TRACE = detectedLevel("trace");
    private static final List<MetadataPair> DEBUG = detectedLevel("debug");
    private static final List<MetadataPair> INFO = detectedLevel("info");
    private static final List<MetadataPair> WARN = detectedLevel("warn");
    private static final List<MetadataPair> ERROR = detectedLevel("error");
    private static final List<MetadataPair> CRITICAL = detectedLevel("critical");
    private static final List<MetadataPair> FATAL = detectedLevel("fatal");
    private static final List<MetadataPair> UNKNOWN = detectedLevel("unknown");

    /** The metadata of an entry that has none but its detected level; shared for the levels detection yields. */
    static List<MetadataPair> onlyDetectedLevel(String level) {
        return switch (level) {
            case "trace" -> TRACE;
            case "debug" -> DEBUG;
            case "info" -> INFO;
            case "warn" -> WARN;
            case "error" -> ERROR;
            case "critical" -> CRITICAL;
            case "fatal" -> FATAL;
            case "unknown" -> UNKNOWN;
            default -> detectedLevel(level);
        };
    }

    private static List<MetadataPair> detectedLevel(String level) {
        return List.of(new MetadataPair(LevelDetector.DETECTED_LEVEL, level));
    }

    /** Loki's service-name discovery: the first non-empty discovered label, else {@code unknown_service}. */
    static Labels withServiceName(Labels labels, List<String> discoverServiceName) {
        if (discoverServiceName.isEmpty() || labels.has(SERVICE_NAME) || labels.has(AGGREGATED_METRIC)) {
            return labels;
        }
        String service = UNKNOWN_SERVICE;
        for (String name : discoverServiceName) {
            String value = labels.get(name);
            if (value != null && !value.isEmpty()) {
                service = value;
                break;
            }
        }
        return labels.toBuilder().set(SERVICE_NAME, service).build();
    }

    private static long saturatedSubtract(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0 ? Long.MIN_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Per-push accumulation of discards and messages. */
    private static final class Tally {
        final Map<DiscardReason, Long> samples = new EnumMap<>(DiscardReason.class);
        final Map<DiscardReason, Long> bytes = new EnumMap<>(DiscardReason.class);
        final Map<String, Integer> errors = new LinkedHashMap<>();
        int totalErrors;
        long truncatedLines;
        long truncatedBytes;

        /** Loki counts line and metadata bytes for unparsable labels, line bytes for the other label errors. */
        void discardStream(DiscardReason reason, PushStream stream, boolean withMetadata, String message) {
            long size = 0;
            for (PushEntry entry : stream.entries()) {
                size += withMetadata ? entry.totalBytes() : entry.lineBytes();
            }
            add(reason, stream.entries().size(), size, message);
        }

        void discardEntry(DiscardReason reason, PushEntry entry, String message) {
            add(reason, 1, entry.lineBytes(), message);
        }

        private void add(DiscardReason reason, long count, long size, String message) {
            samples.merge(reason, count, Long::sum);
            bytes.merge(reason, size, Long::sum);
            totalErrors++;
            if (errors.size() < MAX_DISTINCT_ERRORS || errors.containsKey(message)) {
                errors.merge(message, 1, Integer::sum);
            }
        }
    }
}
