package io.skald.metrics;

import java.time.Duration;
import java.util.List;

/** Metric names and buckets shared by every service; Micrometer names map to Loki's Prometheus names. */
public final class LokiMetrics {
    private LokiMetrics() {}

    /** Exposed as {@code loki_request_duration_seconds} with {@code route}, {@code method}, {@code status_code}. */
    public static final String REQUEST_DURATION = "loki.request.duration";

    /** Prometheus' default buckets, which Loki's request histogram uses. */
    public static final List<Duration> REQUEST_BUCKETS = List.of(
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
            Duration.ofSeconds(10));

    /** Loki's route label: the path pattern with separators and braces turned into underscores. */
    public static String routeName(String pattern) {
        StringBuilder out = new StringBuilder(pattern.length());
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else if (c == '/' || c == '-' || c == '.' || c == '_') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
            }
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == '_') {
            end--;
        }
        return end == 0 ? "root" : out.substring(0, end);
    }
}
