package io.skald.push;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Loki's validation error texts (Loki 3.x {@code pkg/validation/validate.go}), formatted. Timestamps print as Go's
 * {@code time.RFC3339} in UTC, as Loki's distributor validator formats them.
 */
public final class PushErrors {
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX").withZone(ZoneOffset.UTC);

    private PushErrors() {}

    public static String missingLabels() {
        return "error at least one label pair is required per stream";
    }

    public static String invalidLabels(String stream, String error) {
        return "Error parsing labels '" + stream + "' with error: " + error;
    }

    public static String maxLabelNames(String stream, int count, int limit) {
        return "entry for stream '" + stream + "' has " + count + " label names; limit " + limit;
    }

    public static String labelNameTooLong(String stream, String name) {
        return "stream '" + stream + "' has label name too long: '" + name + "'";
    }

    public static String labelValueTooLong(String stream, String value) {
        return "stream '" + stream + "' has label value too long: '" + value + "'";
    }

    public static String duplicateLabelName(String stream, String name) {
        return "stream '" + stream + "' has duplicate label name: '" + name + "'";
    }

    public static String tooOld(String stream, long timestampNanos, long oldestAcceptableNanos) {
        return "entry for stream '" + stream + "' has timestamp too old: " + formatTime(timestampNanos)
                + ", oldest acceptable timestamp is: " + formatTime(oldestAcceptableNanos);
    }

    public static String tooNew(String stream, long timestampNanos) {
        return "entry for stream '" + stream + "' has timestamp too new: " + formatTime(timestampNanos);
    }

    public static String lineTooLong(long maxSize, String stream, long length) {
        return "Max entry size '" + maxSize + "' bytes exceeded for stream '" + stream
                + "' while adding an entry with length '" + length + "' bytes";
    }

    public static String disallowedStructuredMetadata(String stream) {
        return "stream '" + stream + "' includes structured metadata, but this feature is disallowed. Please see"
                + " `limits_config.allow_structured_metadata` or contact your Loki administrator to enable it.";
    }

    public static String structuredMetadataTooLarge(String stream, long size, long limit) {
        return "stream '" + stream + "' has structured metadata too large: '" + size + "' bytes, limit: '" + limit
                + "' bytes. Please see `limits_config.max_structured_metadata_size` or contact your Loki"
                + " administrator to increase it.";
    }

    public static String structuredMetadataTooMany(String stream, int count, int limit) {
        return "stream '" + stream + "' has too many structured metadata labels: '" + count + "', limit: '" + limit
                + "'. Please see `limits_config.max_structured_metadata_entries_count` or contact your Loki"
                + " administrator to increase it.";
    }

    /** Go's {@code time.RFC3339} rendering of a Unix-nanosecond timestamp, in UTC. */
    public static String formatTime(long unixNanos) {
        return RFC3339.format(Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L)));
    }
}
