package io.skald.limits;

import java.util.Locale;

/** Loki's 429 texts for rate and stream limits (Loki 3.x {@code pkg/validation/validate.go}), formatted. */
public final class LimitErrors {
    private LimitErrors() {}

    /** Distributor, reason {@code rate_limited}: the tenant's ingestion rate is exhausted. */
    public static String ingestionRateLimited(String tenant, long limitBytesPerSecond, long lines, long bytes) {
        return "Ingestion rate limit exceeded for user " + tenant + " (limit: " + limitBytesPerSecond
                + " bytes/sec) while attempting to ingest '" + lines + "' lines totaling '" + bytes
                + "' bytes, reduce log volume or contact your Loki administrator to see if the limit can be increased";
    }

    /** Ingester, reason {@code per_stream_rate_limit}: sizes print like Loki's {@code flagext.ByteSize}. */
    public static String streamRateLimited(long limitBytesPerSecond, String stream, long bytes) {
        return "Per stream rate limit exceeded (limit: " + humanBytes(limitBytesPerSecond)
                + "/sec) while attempting to ingest for stream '" + stream + "' totaling " + humanBytes(bytes)
                + ", consider splitting a stream via additional labels or contact your Loki administrator to see if"
                + " the limit can be increased";
    }

    /** Ingester, reason {@code stream_limit}: the tenant has too many active streams. */
    public static String streamLimit(String stream, String tenant) {
        return "Maximum active stream limit exceeded when trying to create stream " + stream
                + ", reduce the number of active streams (reduce labels or reduce label values), or contact your Loki"
                + " administrator to see if the limit can be increased, user: '" + tenant + "'";
    }

    /** go-humanize's {@code Bytes}: SI units, one decimal below 10 ({@code 3.0 MB}, {@code 15 MB}, {@code 512 B}). */
    public static String humanBytes(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int exponent = (int) Math.floor(Math.log(bytes) / Math.log(1000));
        exponent = Math.min(exponent, units.length - 1);
        double value = Math.floor(bytes / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        String format = value < 10 ? "%.1f %s" : "%.0f %s";
        return String.format(Locale.ROOT, format, value, units[exponent]);
    }
}
